package kiln.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every Spark-running command takes. */
public final class SparkOptions {
  @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--conf", description = "Extra Spark setting KEY=VALUE (repeatable).")
  Map<String, String> conf = new LinkedHashMap<>();
}

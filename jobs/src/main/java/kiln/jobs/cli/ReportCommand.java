package kiln.jobs.cli;

import java.util.concurrent.Callable;
import kiln.jobs.report.ReportWriter;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write RUN_DIR/report/index.html: one self-contained page of the run's statistics.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Output folder of a kiln run.")
  String runDir;

  @Option(names = "--compare", paramLabel = "RUN_B", description = "Another run to compare against.")
  String compare;

  @Mixin
  SparkOptions sparkOptions;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.create("kiln report", sparkOptions.master, sparkOptions.conf);
    try {
      System.out.println("[kiln] report    " + ReportWriter.write(spark, runDir, compare));
    } finally {
      spark.stop();
    }
    return 0;
  }
}

package kiln.jobs.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kiln.core.config.ConfigNode;
import kiln.core.stats.StageStats;
import kiln.jobs.ingest.spark.IngestJob;
import kiln.jobs.run.IngestStep;
import kiln.jobs.run.Progress;
import kiln.jobs.run.RunContext;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read raw input into documents: OUT/kept (documents), OUT/rejected (unreadable input with "
        + "reason, file and offset), OUT/_stats.json (docs/ingest.md).")
final class IngestCommand implements Callable<Integer> {
  @Option(names = "--format", required = true,
      description = "warc|arc|wet|html|code|gutenberg|epub|jsonl|parquet|text")
  String format;

  @Option(names = "--in", required = true, arity = "1..*", description = "Input files or folders.")
  List<String> in;

  @Option(names = "--out", required = true, description = "Output folder.")
  String out;

  @Option(names = "--source", description = "Corpus name stored in each document (default from the format).")
  String source;

  @Option(names = "--config", description = "YAML with reader options (e.g. max_record_bytes, id_field).")
  Path config;

  @Mixin
  SparkOptions sparkOptions;

  @Override
  public Integer call() {
    ObjectNode tree = config == null ? ConfigNode.newObject() : (ObjectNode) ConfigNode.load(config).raw().deepCopy();
    String origin = config == null ? "(command line)" : config.toString();
    tree.put("format", format);
    if (source != null) {
      tree.put("source", source);
    }
    ArrayNode paths = tree.putArray("paths");
    in.forEach(p -> paths.add(kiln.core.fs.HadoopFiles.isLocal(p) ? Path.of(p).toAbsolutePath().normalize().toString()
        : p));
    IngestJob job = IngestJob.fromConfig(ConfigNode.fromTree(tree, origin));
    Progress progress = new Progress(System.out);
    SparkSession spark = SparkSessions.create("kiln ingest", sparkOptions.master, sparkOptions.conf);
    try {
      progress.start("ingest", in.size() + " path(s) -> " + out);
      StageStats s = new IngestStep("ingest", "", List.of(job)).run(new RunContext(spark, out, progress), null, out);
      progress.done(s);
    } finally {
      spark.stop();
    }
    return 0;
  }
}

package kiln.jobs.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kiln.core.config.ConfigNode;
import kiln.core.stats.StageStats;
import kiln.jobs.ingest.commoncrawl.CommonCrawlOptions;
import kiln.jobs.ingest.spark.IngestJob;
import kiln.jobs.run.IngestStep;
import kiln.jobs.run.Progress;
import kiln.jobs.run.RunContext;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read raw input into documents: OUT/kept (documents), OUT/rejected (unreadable input with "
        + "reason, file and offset), OUT/_stats.json (docs/ingest.md).")
final class IngestCommand implements Callable<Integer> {
  @Option(names = "--format", required = true,
      description = "warc|arc|wet|html|code|gutenberg|epub|jsonl|parquet|text")
  String format;

  @Option(names = "--in", arity = "1..*", description = "Input files or folders (or use --commoncrawl).")
  List<String> in;

  @Option(names = "--commoncrawl", paramLabel = "CRAWL",
      description = "Common Crawl crawl id (e.g. CC-MAIN-2024-22): ingest the files of its warc.paths.gz or "
          + "wet.paths.gz listing (--format warc|wet) instead of --in; retried, resumable (docs/ingest.md).")
  String commonCrawl;

  @Option(names = "--segments", paramLabel = "N", description = "With --commoncrawl: only the first N segments "
      + "of the listing.")
  Integer segments;

  @Option(names = "--paths", paramLabel = "FILE", description = "With --commoncrawl: a listing file (plain or "
      + ".gz, paths relative to --base) instead of the crawl's own.")
  String listing;

  @Option(names = "--base", paramLabel = "URL", description = "With --commoncrawl: where listed paths are "
      + "fetched from (default https://data.commoncrawl.org/; s3a://commoncrawl/ works with hadoop-aws).")
  String base;

  @Option(names = "--out", required = true, description = "Output folder.")
  String out;

  @Option(names = "--source", description = "Corpus name stored in each document (default from the format).")
  String source;

  @Option(names = "--config", description = "YAML with reader options (e.g. max_record_bytes, id_field).")
  Path config;

  @Mixin
  SparkOptions sparkOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    ObjectNode tree = config == null ? ConfigNode.newObject() : (ObjectNode) ConfigNode.load(config).raw().deepCopy();
    String origin = config == null ? "(command line)" : config.toString();
    tree.put("format", format);
    if (source != null) {
      tree.put("source", source);
    }
    boolean cc = commonCrawl != null;
    if (cc == (in != null)) {
      throw new ParameterException(spec.commandLine(), "give either --in or --commoncrawl");
    }
    if (!cc && (segments != null || listing != null || base != null)) {
      throw new ParameterException(spec.commandLine(), "--segments, --paths and --base go with --commoncrawl");
    }
    if (cc) {
      tree.put(CommonCrawlOptions.KEY, commonCrawl);
      if (segments != null) {
        tree.put("segments", segments);
      }
      if (listing != null) {
        tree.put("listing", listing.contains("://") ? listing : Path.of(listing).toAbsolutePath().toString());
      }
      if (base != null) {
        tree.put("base", base);
      }
    } else {
      ArrayNode paths = tree.putArray("paths");
      in.forEach(p -> paths.add(kiln.core.fs.HadoopFiles.isLocal(p) ? Path.of(p).toAbsolutePath().normalize().toString()
          : p));
    }
    IngestJob job = IngestJob.fromConfig(ConfigNode.fromTree(tree, origin));
    Progress progress = new Progress(System.out);
    SparkSession spark = SparkSessions.create("kiln ingest", sparkOptions.master, sparkOptions.conf);
    try {
      progress.start("ingest", (cc ? commonCrawl + " " + format : in.size() + " path(s)") + " -> " + out);
      StageStats s = new IngestStep("ingest", "", List.of(job)).run(new RunContext(spark, out, progress), null, out);
      progress.done(s);
    } finally {
      spark.stop();
    }
    return 0;
  }
}

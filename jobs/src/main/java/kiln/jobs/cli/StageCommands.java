package kiln.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kiln.core.config.ConfigNode;
import kiln.core.stats.StageStats;
import kiln.jobs.run.Progress;
import kiln.jobs.run.RunContext;
import kiln.jobs.run.Step;
import kiln.jobs.run.StepRegistry;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiln filter|pii|dedup --in DIR --out DIR [--config FILE]}: one document stage on its own. */
final class StageCommands {
  private StageCommands() {}

  abstract static class DocumentStageCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, description = "Input Parquet dataset (e.g. a previous stage's kept/).")
    String in;

    @Option(names = "--out", required = true, description = "Output folder: kept/, rejected/, _stats.json.")
    String out;

    @Option(names = "--config", description = "YAML file with this stage's settings (see docs/).")
    Path config;

    @Mixin
    SparkOptions sparkOptions;

    abstract String type();

    @Override
    public Integer call() {
      ConfigNode cfg = config == null ? ConfigNode.empty("(defaults)") : ConfigNode.load(config);
      Step step = StepRegistry.build(type(), type(), cfg, "", config == null ? null : config.toAbsolutePath().getParent());
      Progress progress = new Progress(System.out);
      SparkSession spark = SparkSessions.create("kiln " + type(), sparkOptions.master, sparkOptions.conf);
      progress.start(type(), in + " -> " + out);
      StageStats s = step.run(new RunContext(spark, out, progress), in, out);
      progress.done(s);
      spark.stop();
      return 0;
    }
  }

  @Command(name = "filter", mixinStandardHelpOptions = true,
      description = "Quality, language, URL, code, book and decontamination filters (docs/filters.md).")
  static final class Filter extends DocumentStageCommand {
    @Override
    String type() {
      return "filter";
    }
  }

  @Command(name = "pii", mixinStandardHelpOptions = true,
      description = "Detect and redact emails, phones, IPs, cards, IBANs, national IDs and secrets (docs/pii.md).")
  static final class Pii extends DocumentStageCommand {
    @Override
    String type() {
      return "pii";
    }
  }

  @Command(name = "dedup", mixinStandardHelpOptions = true,
      description = "Exact, URL and MinHash near-duplicate removal (docs/dedup.md).")
  static final class Dedup extends DocumentStageCommand {
    @Override
    String type() {
      return "dedup";
    }
  }
}

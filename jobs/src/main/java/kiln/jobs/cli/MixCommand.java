package kiln.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kiln.core.stats.StageStats;
import kiln.jobs.run.MixStep;
import kiln.jobs.run.Progress;
import kiln.jobs.run.RunContext;
import kiln.jobs.spark.SparkSessions;
import kiln.mixtures.Curriculum;
import kiln.mixtures.CurriculumLoader;
import kiln.mixtures.MixPlanner;
import kiln.mixtures.spark.MixSampler;
import kiln.mixtures.spark.MixSources;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mix", mixinStandardHelpOptions = true,
    description = "Sample tokenized sources by a curriculum (phases, token budgets, weights) into shards per "
        + "phase with manifests and Megatron blend strings (docs/mixtures.md).")
final class MixCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "Curriculum YAML.")
  Path config;

  @Option(names = "--out", description = "Output folder (required unless --plan).")
  String out;

  @Option(names = "--plan", description = "Print tokens per source per phase and epochs; write nothing.")
  boolean plan;

  @Mixin
  SparkOptions sparkOptions;

  @Override
  public Integer call() {
    Curriculum c = CurriculumLoader.load(config); // every config error surfaces here, before Spark
    c.warnings().forEach(w -> System.err.println("kiln: warning: " + w));
    if (!plan && out == null) {
      throw new IllegalArgumentException("--out is required (or --plan to print the plan only)");
    }
    Progress progress = new Progress(System.out);
    SparkSession spark = SparkSessions.create("kiln mix", sparkOptions.master, sparkOptions.conf);
    try {
      if (plan) {
        var sources = MixSources.resolve(spark, c, null);
        System.out.print(MixPlanner.plan(c, MixSampler.measure(sources)).toText());
        return 0;
      }
      progress.start("mix", config + " -> " + out);
      StageStats s = new MixStep("mix", "", c).run(new RunContext(spark, out, progress), null, out);
      progress.done(s);
    } finally {
      spark.stop();
    }
    return 0;
  }
}

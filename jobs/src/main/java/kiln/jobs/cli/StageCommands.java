package kiln.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.core.stats.StageStats;
import kiln.filters.FilterRecipes;
import kiln.jobs.run.Progress;
import kiln.jobs.run.RunContext;
import kiln.jobs.run.Step;
import kiln.jobs.run.StepRegistry;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kiln filter|pii|dedup --in DIR --out DIR [--config FILE]}: one document stage on its own; {@code filter}
 * also takes {@code --recipe NAME}.
 */
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

    /** Folds command-line options into the stage config (before it is validated). */
    ConfigNode configure(ConfigNode cfg) {
      return cfg;
    }

    @Override
    public Integer call() {
      ConfigNode cfg = configure(config == null ? ConfigNode.empty("(defaults)") : ConfigNode.load(config));
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

  @Command(name = "filter", mixinStandardHelpOptions = true, modelTransformer = Filter.RecipeHelp.class,
      description = {"Quality, language, URL, code, book and decontamination filters (docs/filters.md).",
          "Without --config or --recipe it runs the fineweb recipe (below)."})
  static final class Filter extends DocumentStageCommand {
    @Option(names = "--recipe", paramLabel = "NAME",
        description = "A shipped filter chain: fineweb (the default), c4, gopher, dclm-heuristics or none. "
            + "Cannot be combined with a config that has 'filters' or 'recipe'.")
    String recipe;

    @Override
    String type() {
      return "filter";
    }

    @Override
    ConfigNode configure(ConfigNode cfg) {
      if (recipe == null) {
        return cfg;
      }
      if (!FilterRecipes.exists(recipe)) {
        throw new IllegalArgumentException("--recipe: " + FilterRecipes.unknown(recipe));
      }
      for (String key : new String[] {"filters", "recipe"}) {
        if (cfg.has(key)) {
          throw new ConfigException(cfg.file(), key, "conflicts with --recipe " + recipe
              + ": name the chain once (drop --recipe, or the config's '" + key + "')");
        }
      }
      ObjectNode tree = ((ObjectNode) cfg.raw()).deepCopy();
      tree.put("recipe", recipe);
      return ConfigNode.fromTree(tree, cfg.file());
    }

    /** Lists the recipes, with the default's chain, under the options of {@code kiln filter --help}. */
    static final class RecipeHelp implements CommandLine.IModelTransformer {
      @Override
      public CommandSpec transform(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Recipes (--recipe NAME, or 'recipe: NAME' in the config; docs/filters.md):");
        for (String name : FilterRecipes.NAMES) {
          FilterRecipes.Recipe r = FilterRecipes.load(name);
          lines.add("  " + name + (name.equals(FilterRecipes.DEFAULT) ? " (default)" : ""));
          wrap(lines, r.chainSummary());
          wrap(lines, "from " + r.source());
        }
        spec.usageMessage().footer(lines.toArray(new String[0]));
        return spec;
      }

      /** Indents by four and breaks at spaces before column 78 (picocli would wrap to column 0). */
      private static void wrap(List<String> lines, String text) {
        StringBuilder line = new StringBuilder("   ");
        for (String word : text.split(" ")) {
          if (line.length() + 1 + word.length() > 78 && line.length() > 3) {
            lines.add(line.toString());
            line = new StringBuilder("   ");
          }
          line.append(' ').append(word);
        }
        lines.add(line.toString());
      }
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

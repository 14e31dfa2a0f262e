package kiln.jobs.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.jobs.ingest.spark.IngestJob;
import kiln.mixtures.Curriculum;
import kiln.mixtures.CurriculumLoader;
import kiln.tokenize.spark.TokenizeStage;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import kiln.core.config.ConfigNode;
import kiln.core.spark.Stage;

/** Maps the stage types a pipeline YAML may name to the classes that build them from config. */
public final class StepRegistry {
  private StepRegistry() {}

  /** Document-to-document stages: their config node in, a validated stage out. */
  static final Map<String, Function<ConfigNode, Stage>> DOCUMENT_STAGES = new TreeMap<>();

  static {
    DOCUMENT_STAGES.put("filter", kiln.filters.spark.FilterStage::fromConfig);
    DOCUMENT_STAGES.put("pii", kiln.filters.pii.spark.PiiStage::fromConfig);
    DOCUMENT_STAGES.put("dedup", kiln.dedup.spark.DedupStage::fromConfig);
  }

  public static Step ingest(List<ConfigNode> inputs, String hash) {
    List<IngestJob> jobs = new ArrayList<>();
    for (ConfigNode in : inputs) {
      jobs.add(IngestJob.fromConfig(in));
    }
    return new IngestStep("ingest", hash, jobs);
  }

  /**
   * @param baseDir folder of the pipeline file, against which relative paths in stage configs resolve
   */
  public static Step build(String type, String name, ConfigNode cfg, String hash, Path baseDir) {
    switch (type) {
      case "tokenize" -> {
        TokenizeStage t = TokenizeStage.fromConfig(cfg);
        cfg.rejectUnknown();
        return new TokenizeStep(name, hash, t);
      }
      case "mix" -> {
        Curriculum c = CurriculumLoader.fromNode(cfg, baseDir);
        return new MixStep(name, hash, c);
      }
      default -> {
        return build(type, name, cfg, hash);
      }
    }
  }

  static Step build(String type, String name, ConfigNode cfg, String hash) {
    Function<ConfigNode, Stage> doc = DOCUMENT_STAGES.get(type);
    if (doc != null) {
      Stage stage = doc.apply(cfg);
      cfg.rejectUnknown();
      return new DocumentStep(name, type, hash, stage);
    }
    throw cfg.error(null, "unknown stage type '" + type + "' (known: " + String.join(", ", types()) + ")");
  }

  public static List<String> types() {
    List<String> t = new java.util.ArrayList<>(DOCUMENT_STAGES.keySet());
    t.add("tokenize");
    t.add("mix");
    return t;
  }
}

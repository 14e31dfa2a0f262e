package kiln.jobs.run;

import java.util.List;
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
    throw inputs.get(0).error(null, "ingest is not available in this build");
  }

  public static Step build(String type, String name, ConfigNode cfg, String hash) {
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

package kiln.filters.pii.spark;

import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentStage;
import kiln.filters.pii.PiiFilter;
import kiln.filters.pii.PiiSettings;

/**
 * The PII stage ({@code bin/kiln pii}, pipeline section {@code pii:}): redacts every document and rejects
 * those over {@code max_spans} with reason {@code pii:max_spans}. Span counts go to meta {@code pii.<type>}.
 * Config keys: {@link PiiSettings}; docs/pii.md.
 */
public final class PiiStage extends DocumentStage {
  private final PiiSettings settings;

  public PiiStage(PiiSettings settings) {
    this.settings = settings;
  }

  /** Validates the stage's config section before Spark starts; errors name the file and key. */
  public static PiiStage fromConfig(ConfigNode cfg) {
    return new PiiStage(PiiSettings.fromConfig(cfg));
  }

  public PiiSettings settings() {
    return settings;
  }

  @Override
  public String name() {
    return PiiFilter.NAME;
  }

  @Override
  protected Kernel newKernel() {
    PiiFilter filter = new PiiFilter(settings);
    return doc -> {
      PiiFilter.Verdict v = filter.apply(doc);
      return new Outcome(v.doc(), v.reason());
    };
  }
}

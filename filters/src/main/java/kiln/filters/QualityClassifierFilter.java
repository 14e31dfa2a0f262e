package kiln.filters;

import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.model.FastTextModel;
import kiln.filters.model.ModelFiles;

/**
 * Model-based quality selection (DCLM's fastText filter): scores a document with a supervised fastText model
 * and keeps it when the probability of {@code label} is above {@code threshold} (rule {@code threshold}).
 * Signal: {@code score}.
 *
 * <p>fastText classifies one line, so the document becomes one line as DCLM does: the first
 * {@code text_prefix_chars} code points (all when unset), each {@code \n} replaced by a space. The score is
 * what {@code fasttext predict-prob MODEL - -1} prints for that line (and what fastText's Python
 * {@code model.predict(text, k=-1)} returns) for {@code label}: p + 1e-5 in float, see
 * {@link kiln.filters.model.FastTextPrediction}. The model is read once per JVM and shared.
 */
public final class QualityClassifierFilter implements ScoredFilter {
  public static final String NAME = "quality_classifier";
  public static final String DEFAULT_LABEL = "__label__hq";
  public static final double DEFAULT_THRESHOLD = 0.018;

  private final FastTextModel model;
  private final int labelIndex;
  private final double threshold;
  private final int prefixChars;

  /** {@code prefixChars} 0 scores the whole text. */
  public QualityClassifierFilter(FastTextModel model, String label, double threshold, int prefixChars) {
    if (model == null) {
      throw new IllegalArgumentException("model: must not be null");
    }
    this.labelIndex = model.labels().indexOf(label);
    if (labelIndex < 0) {
      throw new IllegalArgumentException("label: " + model.file() + " has no label '" + label + "' (labels: "
          + String.join(", ", model.labels()) + ")");
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold: must be in [0, 1], got " + threshold);
    }
    if (prefixChars < 0) {
      throw new IllegalArgumentException("text_prefix_chars: must be >= 1, got " + prefixChars);
    }
    this.model = model;
    this.threshold = threshold;
    this.prefixChars = prefixChars;
  }

  public static QualityClassifierFilter fromConfig(ConfigNode c) {
    FastTextModel model = ModelFiles.fastText(c, "model");
    String label = c.string("label", DEFAULT_LABEL);
    double threshold = c.number("threshold", DEFAULT_THRESHOLD, 0, 1);
    int prefix = (int) c.integer("text_prefix_chars", 0, 0, Integer.MAX_VALUE);
    if (c.has("text_prefix_chars") && prefix == 0) {
      throw c.error("text_prefix_chars", "must be >= 1 (leave it out to score the whole text)");
    }
    if (!model.labels().contains(label)) {
      throw c.error("label", "model " + model.file() + " has no label '" + label + "' (labels: "
          + String.join(", ", model.labels()) + ")");
    }
    c.rejectUnknown();
    return new QualityClassifierFilter(model, label, threshold, prefix);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ScoreCut scoreCut() {
    return new ScoreCut("score", threshold, "threshold", true, false);
  }

  /** The model input for a document: its prefix as one line. */
  public String line(String text) {
    String t = text;
    if (prefixChars > 0 && t.length() > prefixChars) {
      int end = t.offsetByCodePoints(0, Math.min(prefixChars, t.codePointCount(0, t.length())));
      t = t.substring(0, end);
    }
    return t.replace('\n', ' ');
  }

  public double score(String text) {
    // the float's shortest decimal (0.01827, not 0.018270000070333481): the signal is written as text
    return Double.parseDouble(Float.toString(model.probability(line(text), labelIndex)));
  }

  @Override
  public FilterResult apply(Document d) {
    double score = score(d.text());
    Map<String, Double> sig = Map.of("score", score);
    return score > threshold ? FilterResult.keep(sig) : FilterResult.reject("threshold", sig);
  }
}

package kiln.filters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one number a model-score filter decides on, and where it cuts: the report draws a histogram of the signal
 * with the cut-off marked (docs/report.md). Scores split into "above" (greater than {@code cutoff}) and "at or
 * below"; {@code keepAbove} says which side the filter keeps.
 *
 * @param signal the filter's signal name ({@code score} for {@code signal.quality_classifier.score})
 * @param cutoff the value in force for this run (configured, or computed over the dataset)
 * @param cutoffKey the config key the cut-off comes from, used as its label ({@code threshold})
 * @param keepAbove true when scores above the cut-off are kept, false when those at or below it are
 * @param logScale true when the signal spans orders of magnitude (perplexity) and reads best on a log axis
 */
public record ScoreCut(String signal, double cutoff, String cutoffKey, boolean keepAbove, boolean logScale) {

  public ScoreCut {
    if (signal == null || signal.isEmpty() || cutoffKey == null || cutoffKey.isEmpty()) {
      throw new IllegalArgumentException("signal, cutoffKey: must not be empty");
    }
    if (!Double.isFinite(cutoff)) {
      throw new IllegalArgumentException("cutoff: must be finite, got " + cutoff);
    }
  }

  /** As recorded in a stage's {@code _stats.json} under {@code extra.score_cuts}. */
  public Map<String, Object> toMap(String filter) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("filter", filter);
    m.put("signal", signal);
    m.put("cutoff", cutoff);
    m.put("cutoff_key", cutoffKey);
    m.put("keep", keepAbove ? "above" : "below");
    m.put("scale", logScale ? "log" : "linear");
    return m;
  }
}

package kiln.filters;

/**
 * A filter that keeps or rejects on one numeric score against a cut-off (a model's probability, a perplexity).
 * The chain keeps that score in {@code meta} in every mode, not only in signals mode, so the report can chart
 * where the cut-off falls on the stage's real output.
 */
public interface ScoredFilter extends DocumentFilter {

  /** The signal holding the score ({@code score} for {@code signal.quality_classifier.score}). */
  String scoreSignal();

  /**
   * The cut-off in force, or null when the filter has none single one: Pareto sampling, perplexity buckets (one
   * cut per language and bucket), or a dataset-level cut-off not computed yet.
   */
  ScoreCut scoreCut();
}

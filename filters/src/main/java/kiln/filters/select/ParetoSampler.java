package kiln.filters.select;

import kiln.filters.model.TrainingExamples;

/**
 * GPT-3's Pareto selection, seeded per document: keep when {@code np.random.pareto(alpha) > 1 - score}. NumPy's
 * {@code pareto(a)} is the Lomax distribution, {@code exp(E / a) - 1} with E standard exponential; here
 * {@code E = -ln(1 - u)} with u uniform in [0, 1) from the top 53 bits of a seeded 64-bit hash of the document id
 * ({@link TrainingExamples#hash}). The same id, seed and alpha always give the same draw.
 */
public final class ParetoSampler {
  private final double alpha;
  private final long seed;

  public ParetoSampler(double alpha, long seed) {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("pareto_alpha: must be a finite number > 0, got " + alpha);
    }
    this.alpha = alpha;
    this.seed = seed;
  }

  /** Uniform in [0, 1) from the id. */
  public double uniform(String id) {
    return (TrainingExamples.hash(id, seed) >>> 11) * 0x1.0p-53;
  }

  /** The Lomax (Pareto II, scale 1) draw for the id: {@code (1 - u)^(-1/alpha) - 1}. */
  public double draw(String id) {
    return Math.expm1(-Math.log1p(-uniform(id)) / alpha);
  }

  /** GPT-3's rule. */
  public boolean keep(String id, double score) {
    return draw(id) > 1 - score;
  }
}

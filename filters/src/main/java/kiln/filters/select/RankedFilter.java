package kiln.filters.select;

import java.util.Map;
import kiln.filters.DocumentFilter;

/**
 * A filter that, in some configurations, decides by a document's rank within the dataset rather than by a fixed
 * threshold (quality_classifier's {@code keep_top_fraction}, perplexity's {@code buckets}). The filter stage
 * first runs a pass that ranks every document reaching the filter ({@link #rank}), computes the cuts at
 * {@link #cutRanks} positions per group, then runs the filter built with {@link #withCuts}.
 */
public interface RankedFilter extends DocumentFilter {

  /** False when this configuration needs no dataset pass (a fixed threshold). */
  boolean needsCuts();

  /** The document's group and key, or null when it takes no part in the ranking (and is kept unranked). */
  Ranked rank(kiln.core.Document d);

  /** For a group of {@code n} ranked documents, the cut positions wanted, each in [0, n], ascending. */
  long[] cutRanks(long n);

  /** This filter deciding by {@code cuts}. */
  DocumentFilter withCuts(RankCuts cuts);

  /** The cut-offs as the stage's stats show them (numbers and names only). */
  Map<String, Object> describe(RankCuts cuts);
}

package kiln.dedup.minhash;

/**
 * Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two shingle-hash sets given as sorted distinct arrays
 * ({@link kiln.dedup.text.Shingles#set}); used to drop LSH candidates that are false positives. Two empty
 * sets have similarity 1 (identical), one empty set has 0. Linear merge, no allocation.
 */
public final class JaccardVerifier {
  private final double threshold;

  public JaccardVerifier(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
    }
    this.threshold = threshold;
  }

  /** True when the pair is a near duplicate: Jaccard >= threshold. */
  public boolean accepts(long[] a, long[] b) {
    return jaccard(a, b) >= threshold;
  }

  public static double jaccard(long[] a, long[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1.0;
    }
    int i = 0;
    int j = 0;
    int inter = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        inter++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) inter / (a.length + b.length - inter);
  }
}

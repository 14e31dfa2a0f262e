package kiln.filters.model;

import java.util.Arrays;

/**
 * Held-out quality of a binary scorer: precision and recall of "positive when score > threshold", and the area
 * under the ROC curve as the Mann-Whitney statistic (the probability that a random positive scores above a random
 * negative, ties counting one half).
 */
public record BinaryMetrics(long positives, long negatives, long truePositives, long falsePositives,
    double precision, double recall, double auc) {

  /** {@code scores[i]} of example i, {@code positive[i]} its true class; NaN for an undefined ratio. */
  public static BinaryMetrics of(double[] scores, boolean[] positive, double threshold) {
    int n = scores.length;
    if (positive.length != n) {
      throw new IllegalArgumentException("scores and classes differ in length");
    }
    long pos = 0;
    long tp = 0;
    long fp = 0;
    for (int i = 0; i < n; i++) {
      boolean predicted = scores[i] > threshold;
      pos += positive[i] ? 1 : 0;
      tp += predicted && positive[i] ? 1 : 0;
      fp += predicted && !positive[i] ? 1 : 0;
    }
    long neg = n - pos;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    // sum of the (tie-averaged, 1-based) ranks of the positives
    double rankSum = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && scores[order[j]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (positive[order[k]]) {
          rankSum += rank;
        }
      }
      i = j;
    }
    double auc = pos == 0 || neg == 0 ? Double.NaN : (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    double recall = pos == 0 ? Double.NaN : (double) tp / pos;
    return new BinaryMetrics(pos, neg, tp, fp, precision, recall, auc);
  }
}

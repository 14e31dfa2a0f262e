package kiln.filters.model;

/**
 * The output side of a supervised model ({@code Loss::predict} in fastText): from the averaged input vector to
 * the k best labels with their log-probabilities ({@code log(p + 1e-5)}, fastText's {@code std_log}).
 */
abstract class OutputLayer {
  protected final Matrix wo;

  OutputLayer(Matrix wo) {
    this.wo = wo;
  }

  /** {@code output}: work space of one float per label. */
  abstract void predict(int k, float threshold, float[] hidden, TopK heap, float[] output);

  static float stdLog(float x) {
    return (float) Math.log(x + 1e-5);
  }

  /** {@code Loss::findKBest} over per-label probabilities. */
  static void findKBest(int k, float threshold, float[] output, TopK heap) {
    for (int i = 0; i < output.length; i++) {
      if (output[i] < threshold) {
        continue;
      }
      float s = stdLog(output[i]);
      if (heap.size() == k && s < heap.frontScore()) {
        continue;
      }
      heap.push(s, i);
      if (heap.size() > k) {
        heap.popFront();
      }
    }
  }

  /** {@code -loss softmax}: normalised exponentials of the label scores. */
  static final class Softmax extends OutputLayer {
    Softmax(Matrix wo) {
      super(wo);
    }

    @Override
    void predict(int k, float threshold, float[] hidden, TopK heap, float[] output) {
      int osz = (int) wo.rows();
      for (int i = 0; i < osz; i++) {
        output[i] = wo.dotRow(hidden, i);
      }
      float max = output[0];
      for (int i = 0; i < osz; i++) {
        max = output[i] < max ? max : output[i];
      }
      float z = 0f;
      for (int i = 0; i < osz; i++) {
        output[i] = (float) Math.exp(output[i] - max);
        z += output[i];
      }
      for (int i = 0; i < osz; i++) {
        output[i] /= z;
      }
      findKBest(k, threshold, output, heap);
      heap.sort();
    }
  }

  /**
   * {@code -loss ova} and {@code -loss ns}: an independent sigmoid per label, read from fastText's 512-entry
   * sigmoid table (not the exact function), as the binary does.
   */
  static final class Sigmoid extends OutputLayer {
    private static final int TABLE_SIZE = 512;
    private static final int MAX_SIGMOID = 8;
    private static final float[] TABLE = new float[TABLE_SIZE + 1];

    static {
      for (int i = 0; i < TABLE_SIZE + 1; i++) {
        float x = (float) (i * 2 * MAX_SIGMOID) / TABLE_SIZE - MAX_SIGMOID;
        TABLE[i] = (float) (1.0 / (1.0 + (float) Math.exp(-x)));
      }
    }

    Sigmoid(Matrix wo) {
      super(wo);
    }

    static float sigmoid(float x) {
      if (x < -MAX_SIGMOID) {
        return 0f;
      } else if (x > MAX_SIGMOID) {
        return 1f;
      }
      return TABLE[(int) ((x + MAX_SIGMOID) * TABLE_SIZE / MAX_SIGMOID / 2)];
    }

    @Override
    void predict(int k, float threshold, float[] hidden, TopK heap, float[] output) {
      int osz = (int) wo.rows();
      for (int i = 0; i < osz; i++) {
        output[i] = sigmoid(wo.dotRow(hidden, i));
      }
      findKBest(k, threshold, output, heap);
      heap.sort();
    }
  }

  /**
   * {@code -loss hs}: a Huffman tree over the label counts; a label's log-probability is the sum of the log
   * sigmoids along its path. Search is fastText's depth-first branch and bound, which also drops labels whose
   * log-probability is below {@code log(threshold + 1e-5)} (so even threshold 0 drops labels with p below ~1e-5).
   */
  static final class HierarchicalSoftmax extends OutputLayer {
    private final int osz;
    private final int[] left;
    private final int[] right;

    HierarchicalSoftmax(Matrix wo, long[] labelCounts) {
      super(wo);
      osz = labelCounts.length;
      int nodes = 2 * osz - 1;
      left = new int[nodes];
      right = new int[nodes];
      long[] count = new long[nodes];
      java.util.Arrays.fill(left, -1);
      java.util.Arrays.fill(right, -1);
      java.util.Arrays.fill(count, (long) 1e15); // as fastText: "infinite" count of unbuilt nodes
      System.arraycopy(labelCounts, 0, count, 0, osz);
      int leaf = osz - 1;
      int node = osz;
      for (int i = osz; i < nodes; i++) {
        int[] mini = new int[2];
        for (int j = 0; j < 2; j++) {
          if (leaf >= 0 && count[leaf] < count[node]) {
            mini[j] = leaf--;
          } else {
            mini[j] = node++;
          }
        }
        left[i] = mini[0];
        right[i] = mini[1];
        count[i] = count[mini[0]] + count[mini[1]];
      }
    }

    @Override
    void predict(int k, float threshold, float[] hidden, TopK heap, float[] output) {
      if (osz > 0) {
        dfs(k, stdLog(threshold), 2 * osz - 2, 0f, heap, hidden);
      }
      heap.sort();
    }

    private void dfs(int k, float logThreshold, int node, float score, TopK heap, float[] hidden) {
      if (score < logThreshold) {
        return;
      }
      if (heap.size() == k && score < heap.frontScore()) {
        return;
      }
      if (left[node] == -1 && right[node] == -1) {
        heap.push(score, node);
        if (heap.size() > k) {
          heap.popFront();
        }
        return;
      }
      float f = wo.dotRow(hidden, node - osz);
      f = (float) (1. / (1f + (float) Math.exp(-f)));
      dfs(k, logThreshold, left[node], score + stdLog((float) (1.0 - f)), heap, hidden);
      dfs(k, logThreshold, right[node], score + stdLog(f), heap, hidden);
    }
  }
}

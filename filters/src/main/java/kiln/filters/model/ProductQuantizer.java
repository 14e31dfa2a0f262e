package kiln.filters.model;

import java.io.IOException;

/**
 * fastText's {@code ProductQuantizer}: a vector of {@code dim} floats is split into {@code nsubq} sub-vectors of
 * {@code dsub} floats (the last one {@code lastdsub}); each is stored as one byte, an index into 256 centroids.
 */
final class ProductQuantizer {
  static final int KSUB = 256;

  private final int dim;
  private final int nsubq;
  private final int dsub;
  private final int lastdsub;
  private final float[] centroids;

  private ProductQuantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
    this.dim = dim;
    this.nsubq = nsubq;
    this.dsub = dsub;
    this.lastdsub = lastdsub;
    this.centroids = centroids;
  }

  static ProductQuantizer read(LittleEndianReader in) throws IOException {
    int dim = in.readInt();
    int nsubq = in.readInt();
    int dsub = in.readInt();
    int lastdsub = in.readInt();
    if (dim <= 0 || dsub <= 0 || nsubq <= 0 || lastdsub <= 0 || lastdsub > dsub
        || (long) (nsubq - 1) * dsub + lastdsub != dim) {
      throw new FastTextFormatException(in.file() + ": inconsistent product quantizer (dim " + dim + ", nsubq "
          + nsubq + ", dsub " + dsub + ", lastdsub " + lastdsub + ")");
    }
    in.requireRemaining((long) dim * KSUB * 4, "product quantizer centroids");
    float[] c = new float[dim * KSUB];
    in.readFloats(c, 0, c.length);
    return new ProductQuantizer(dim, nsubq, dsub, lastdsub, c);
  }

  int dim() {
    return dim;
  }

  int nsubq() {
    return nsubq;
  }

  private int centroid(int m, int code) {
    return m == nsubq - 1 ? m * KSUB * dsub + code * lastdsub : (m * KSUB + code) * dsub;
  }

  /** The first value of centroid {@code code} of sub-quantizer 0 (the norm quantizer's decoded norm). */
  float firstValue(int code) {
    return centroids[centroid(0, code)];
  }

  /** {@code mulcode}: the dot product of {@code x} with row {@code t}, times {@code alpha}. */
  float mulcode(float[] x, byte[] codes, int t, float alpha) {
    float res = 0f;
    int d = dsub;
    int code = nsubq * t;
    for (int m = 0; m < nsubq; m++) {
      int c = centroid(m, codes[code + m] & 0xFF);
      if (m == nsubq - 1) {
        d = lastdsub;
      }
      int base = m * dsub;
      for (int n = 0; n < d; n++) {
        res += x[base + n] * centroids[c + n];
      }
    }
    return res * alpha;
  }

  /** {@code addcode}: {@code x += alpha * row(t)}. */
  void addcode(float[] x, byte[] codes, int t, float alpha) {
    int code = nsubq * t;
    if (dsub == 2 && lastdsub == 2) { // fastText quantize's default -dsub 2 with an even dim: unrolled
      float[] cs = centroids;
      for (int m = 0; m < nsubq; m++) {
        int c = (m * KSUB + (codes[code + m] & 0xFF)) * 2;
        x[2 * m] += alpha * cs[c];
        x[2 * m + 1] += alpha * cs[c + 1];
      }
      return;
    }
    int d = dsub;
    for (int m = 0; m < nsubq; m++) {
      int c = centroid(m, codes[code + m] & 0xFF);
      if (m == nsubq - 1) {
        d = lastdsub;
      }
      int base = m * dsub;
      for (int n = 0; n < d; n++) {
        x[base + n] += alpha * centroids[c + n];
      }
    }
  }
}

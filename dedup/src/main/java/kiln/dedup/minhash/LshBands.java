package kiln.dedup.minhash;

import kiln.dedup.text.Shingles;

/**
 * Locality-sensitive banding: a signature of b x r values is cut into b bands of r consecutive values, and
 * each band is hashed to one 64-bit key. Two documents are candidates when some band index has equal keys,
 * which happens with probability 1 - (1 - s^r)^b for Jaccard s. Keys are only compared within a band index,
 * so the band index is not mixed into the key.
 */
public final class LshBands {
  private LshBands() {}

  /** {@code bands} keys of {@code sig}; requires {@code sig.length == bands * rows}. */
  public static long[] keys(long[] sig, int bands, int rows) {
    if (sig.length != (long) bands * rows) {
      throw new IllegalArgumentException("signature has " + sig.length + " values, bands x rows = " + bands + " x "
          + rows);
    }
    long[] out = new long[bands];
    for (int band = 0; band < bands; band++) {
      long h = rows;
      int off = band * rows;
      for (int j = 0; j < rows; j++) {
        h = Long.rotateLeft((h ^ sig[off + j]) * 0x9e3779b97f4a7c15L, 29);
      }
      out[band] = Shingles.fmix64(h);
    }
    return out;
  }
}

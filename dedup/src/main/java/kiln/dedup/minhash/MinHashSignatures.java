package kiln.dedup.minhash;

import java.util.SplittableRandom;

/**
 * MinHash signatures of shingle-hash sets: for each of k permutations h -> (a_i * h + b_i) mod p with
 * p = 2^61 - 1 (a Mersenne prime, so the modulus is two shifts and an add), the signature value is the
 * minimum over the shingles. P(sig_i(A) = sig_i(B)) = Jaccard(A, B) (Broder 1997). Parameters a_i in [1, p)
 * and b_i in [0, p) come from {@code SplittableRandom(seed)}, so a seed fixes every signature.
 *
 * <p>Shingle hashes are 64-bit; they are first reduced mod p. Works on {@code long[]} only, no boxing.
 * Same scheme as datatrove and RedPajama-V2 (field survey §6.1, §6.2), though their a, b come from numpy.
 */
public final class MinHashSignatures {
  /** 2^61 - 1. */
  public static final long P = (1L << 61) - 1;

  private final long[] a;
  private final long[] b;

  public MinHashSignatures(int numHashes, long seed) {
    if (numHashes < 1) {
      throw new IllegalArgumentException("numHashes must be >= 1, got " + numHashes);
    }
    a = new long[numHashes];
    b = new long[numHashes];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < numHashes; i++) {
      a[i] = 1 + rnd.nextLong(P - 1);
      b[i] = rnd.nextLong(P);
    }
  }

  public int numHashes() {
    return a.length;
  }

  /** The permutation parameters, for tests and docs. */
  public long a(int i) {
    return a[i];
  }

  public long b(int i) {
    return b[i];
  }

  /**
   * Shingles per block: the permutations run over one block of reduced hashes (16 KB, in L1) before the next, so
   * a long book's shingles stream from memory once instead of once per permutation.
   */
  private static final int BLOCK = 2048;

  /** Signature of a shingle-hash multiset; empty input gives all {@code P} (no shingle seen). */
  public long[] signature(long[] shingles) {
    int k = a.length;
    long[] sig = new long[k];
    java.util.Arrays.fill(sig, P);
    long[] x = new long[Math.min(BLOCK, shingles.length)];
    for (int from = 0; from < shingles.length; from += BLOCK) {
      int m = Math.min(BLOCK, shingles.length - from);
      for (int j = 0; j < m; j++) {
        x[j] = reduce(shingles[from + j]);
      }
      int i = 0;
      // two permutations per pass over the block: independent multiply chains, half the loads
      for (; i + 1 < k; i += 2) {
        long a0 = a[i];
        long b0 = b[i];
        long a1 = a[i + 1];
        long b1 = b[i + 1];
        long min0 = sig[i];
        long min1 = sig[i + 1];
        for (int j = 0; j < m; j++) {
          long xj = x[j];
          min0 = Math.min(min0, mulAddMod(a0, xj, b0));
          min1 = Math.min(min1, mulAddMod(a1, xj, b1));
        }
        sig[i] = min0;
        sig[i + 1] = min1;
      }
      if (i < k) {
        long ai = a[i];
        long bi = b[i];
        long min = sig[i];
        for (int j = 0; j < m; j++) {
          min = Math.min(min, mulAddMod(ai, x[j], bi));
        }
        sig[i] = min;
      }
    }
    return sig;
  }

  /**
   * (x * y + z) mod p for x, y, z in [0, p): {@code addMod(mulMod(x, y), z)} with one final reduction instead of
   * two (the product folded twice lies in [0, p + 1]; plus z it stays below 2^62, and one more fold brings it to [0, p + 1]).
   */
  static long mulAddMod(long x, long y, long z) {
    long hi = Math.multiplyHigh(x, y);
    long lo = x * y;
    long r = (lo & P) + ((lo >>> 61) | (hi << 3));
    r = (r & P) + (r >>> 61) + z;
    r = (r & P) + (r >>> 61);
    return r >= P ? r - P : r;
  }

  /** h mod p for any 64-bit h (read as unsigned). */
  static long reduce(long h) {
    long r = (h & P) + (h >>> 61);
    return r >= P ? r - P : r;
  }

  /** (x * y) mod p for x, y in [0, p). */
  static long mulMod(long x, long y) {
    long hi = Math.multiplyHigh(x, y);
    long lo = x * y;
    // x*y = hi * 2^64 + lo (unsigned lo); 2^61 == 1 (mod p), so fold the bits above 61 onto the low 61.
    long r = (lo & P) + ((lo >>> 61) | (hi << 3));
    r = (r & P) + (r >>> 61);
    return r >= P ? r - P : r;
  }

  /** (x + y) mod p for x, y in [0, p). */
  static long addMod(long x, long y) {
    long r = x + y;
    return r >= P ? r - P : r;
  }
}

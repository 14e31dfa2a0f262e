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

  /** Signature of a shingle-hash multiset; empty input gives all {@code P} (no shingle seen). */
  public long[] signature(long[] shingles) {
    long[] sig = new long[a.length];
    java.util.Arrays.fill(sig, P);
    long[] x = new long[shingles.length];
    for (int j = 0; j < shingles.length; j++) {
      x[j] = reduce(shingles[j]);
    }
    for (int i = 0; i < a.length; i++) {
      long ai = a[i];
      long bi = b[i];
      long min = P;
      for (long xj : x) {
        long v = addMod(mulMod(ai, xj), bi);
        if (v < min) {
          min = v;
        }
      }
      sig[i] = min;
    }
    return sig;
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

package kiln.dedup.text;

import java.util.Arrays;

/**
 * 64-bit hashes of the shingles of a normalised text ({@link TextNormalizer}): word n-grams (words = runs of
 * non-space characters) or code-point n-grams. A text with at least one but fewer than n words (code points)
 * yields one shingle of all of it, so short documents still get a signature; an empty text yields none.
 *
 * <p>Hashes: each word is hashed with 64-bit FNV-1a over its UTF-16 units, finished with MurmurHash3's fmix64;
 * an n-gram's hash chains its word hashes through a multiply-xorshift mix and fmix64, so order matters and
 * each word is hashed once. With 64 bits, two distinct shingles collide with probability 2^-64.
 */
public final class Shingles {
  private Shingles() {}

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;

  /** Shingle hashes in text order (may repeat). */
  public static long[] hashes(String normalized, int n, boolean chars) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    return chars ? charShingles(normalized, n) : wordShingles(normalized, n);
  }

  /** Sorted distinct shingle hashes: the set whose Jaccard similarity MinHash estimates. */
  public static long[] set(String normalized, int n, boolean chars) {
    long[] h = hashes(normalized, n, chars);
    Arrays.sort(h);
    int k = 0;
    for (int i = 0; i < h.length; i++) {
      if (i == 0 || h[i] != h[i - 1]) {
        h[k++] = h[i];
      }
    }
    return k == h.length ? h : Arrays.copyOf(h, k);
  }

  private static long[] wordShingles(String s, int n) {
    long[] words = new long[Math.max(4, s.length() / 5)];
    int nw = 0;
    int len = s.length();
    int i = 0;
    while (i < len) {
      while (i < len && s.charAt(i) == ' ') {
        i++;
      }
      if (i >= len) {
        break;
      }
      long h = FNV_OFFSET;
      while (i < len && s.charAt(i) != ' ') {
        h = (h ^ s.charAt(i)) * FNV_PRIME;
        i++;
      }
      if (nw == words.length) {
        words = Arrays.copyOf(words, nw * 2);
      }
      words[nw++] = fmix64(h);
    }
    if (nw == 0) {
      return new long[0];
    }
    int m = Math.min(n, nw);
    long[] out = new long[nw - m + 1];
    for (int start = 0; start < out.length; start++) {
      long g = m;
      for (int j = 0; j < m; j++) {
        g = Long.rotateLeft((g ^ words[start + j]) * GOLDEN, 31);
      }
      out[start] = fmix64(g);
    }
    return out;
  }

  private static long[] charShingles(String s, int n) {
    int[] cps = s.codePoints().toArray();
    if (cps.length == 0) {
      return new long[0];
    }
    int m = Math.min(n, cps.length);
    long[] out = new long[cps.length - m + 1];
    for (int start = 0; start < out.length; start++) {
      long h = FNV_OFFSET;
      for (int j = 0; j < m; j++) {
        h = (h ^ cps[start + j]) * FNV_PRIME;
      }
      out[start] = fmix64(h ^ m);
    }
    return out;
  }

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  public static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}

package kiln.filters.text;

import java.util.Arrays;

/**
 * Word n-gram counts level by level (n = 1, 2, 3, ...), counting an n-gram only where it can occur more than once:
 * a repeated n-gram's (n-1)-gram prefix and (n-1)-gram suffix both repeat too, so at each level only positions
 * whose two (n-1)-grams repeated are hashed and counted. Every other n-gram occurs once, and the repetition rules
 * only ask about n-grams that occur at least twice (or, with none, about the first one). On prose most 2-grams
 * are counted, a few percent of the 5-grams and almost none of the 10-grams.
 *
 * <p>An n-gram's key is the polynomial hash of its word hashes (the same value a rolling hash over all positions
 * gives); two different n-grams share a key with probability about 2^-64.
 */
public final class RepeatedNGrams {
  static final long BASE = 0x9E3779B97F4A7C15L;

  private final long[] wordHash;
  private final int words;
  /** hash[i]: key of the current level's n-gram starting at i; kept up to date at candidate positions only. */
  private final long[] hash;
  /** repeats[i]: the current level's n-gram at i occurs more than once. */
  private final boolean[] repeats;
  private int[] starts = new int[0];
  private int[] counts = new int[0];
  private int[] firsts = new int[0];
  private int size;
  private int n = 1;

  /**
   * Level 1. {@code wordHash[i]}: the hash of word i (equal words, equal hashes); {@code wordRepeats[i]}: word i
   * occurs more than once.
   */
  public RepeatedNGrams(long[] wordHash, boolean[] wordRepeats) {
    this.wordHash = wordHash;
    this.words = wordHash.length;
    this.hash = wordHash.clone();
    this.repeats = Arrays.copyOf(wordRepeats, words);
  }

  /** Advances to level n + 1: counts the (n+1)-grams that can repeat. */
  public void next() {
    n++;
    int m = words - n + 1;
    if (starts.length < Math.max(m, 0)) {
      starts = new int[m];
    }
    size = 0;
    for (int i = 0; i < m; i++) {
      if (repeats[i] && repeats[i + 1]) {
        starts[size++] = i;
      }
    }
    Arrays.fill(repeats, false);
    if (counts.length < size) {
      counts = new int[starts.length];
      firsts = new int[starts.length];
    }
    if (size == 0) {
      return;
    }
    LongCounter counter = new LongCounter(size);
    int last = n - 1;
    for (int k = 0; k < size; k++) {
      int i = starts[k];
      long h = hash[i] * BASE + wordHash[i + last];
      hash[i] = h;
      counter.add(h, i);
    }
    for (int k = 0; k < size; k++) {
      int slot = counter.find(hash[starts[k]]);
      int c = counter.count(slot);
      counts[k] = c;
      firsts[k] = counter.first(slot);
      if (c > 1) {
        repeats[starts[k]] = true;
      }
    }
  }

  /** The current level. */
  public int n() {
    return n;
  }

  /** Number of n-grams counted at this level (all others occur once). */
  public int size() {
    return size;
  }

  /** Start of the k-th counted n-gram (ascending). */
  public int start(int k) {
    return starts[k];
  }

  /** Occurrences in the whole text of the k-th counted n-gram. */
  public int count(int k) {
    return counts[k];
  }

  /** First start of the k-th counted n-gram's key. */
  public int first(int k) {
    return firsts[k];
  }
}

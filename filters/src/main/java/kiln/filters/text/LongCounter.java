package kiln.filters.text;

import java.util.Arrays;

/**
 * Open-addressing map from 64-bit n-gram hashes to a count and the index where the key was first seen; avoids
 * one object per n-gram in the repetition filters.
 */
public final class LongCounter {
  private long[] keys;
  private int[] counts;
  private int[] firsts;
  private boolean[] used;
  private int size;
  private int mask;

  public LongCounter(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    counts = new int[cap];
    firsts = new int[cap];
    used = new boolean[cap];
    mask = cap - 1;
  }

  public void clear() {
    Arrays.fill(used, false);
    size = 0;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (used[i] && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** Adds one occurrence at {@code index}; returns the slot (for {@link #count} and {@link #first}). */
  public int add(long key, int index) {
    int i = slot(key);
    if (!used[i]) {
      used[i] = true;
      keys[i] = key;
      counts[i] = 0;
      firsts[i] = index;
      if (++size * 2 > keys.length) {
        grow();
        i = slot(key);
      }
    }
    counts[i]++;
    return i;
  }

  /** Slot of a key already added. */
  public int find(long key) {
    return slot(key);
  }

  public int count(int slot) {
    return counts[slot];
  }

  public int first(int slot) {
    return firsts[slot];
  }

  private void grow() {
    long[] ok = keys;
    int[] oc = counts;
    int[] of = firsts;
    boolean[] ou = used;
    int cap = keys.length * 2;
    keys = new long[cap];
    counts = new int[cap];
    firsts = new int[cap];
    used = new boolean[cap];
    mask = cap - 1;
    for (int j = 0; j < ok.length; j++) {
      if (ou[j]) {
        int i = slot(ok[j]);
        used[i] = true;
        keys[i] = ok[j];
        counts[i] = oc[j];
        firsts[i] = of[j];
      }
    }
  }
}

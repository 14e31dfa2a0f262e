package kiln.tokenize.spm;

import java.util.Arrays;

/**
 * A trie over byte strings with an int value per key (a piece id), walked one byte at a time. Children live in
 * one open-addressing table keyed by (node, byte); the root's 256 children in a plain array because every walk
 * starts there.
 */
final class ByteTrie {
  private static final long EMPTY = -1L;
  private final int[] rootChildren = new int[256];
  private long[] keys;
  private int[] children;
  private int mask;
  private int size;
  private int[] values = new int[64];
  private int nodes = 1;

  ByteTrie(int expectedBytes) {
    int cap = Integer.highestOneBit(Math.max(16, expectedBytes * 2) - 1) << 1;
    keys = new long[cap];
    Arrays.fill(keys, EMPTY);
    children = new int[cap];
    mask = cap - 1;
    Arrays.fill(rootChildren, -1);
    Arrays.fill(values, -1);
  }

  /** Root node id. */
  static final int ROOT = 0;

  /** Adds {@code key -> value}; an existing key keeps its first value, as spm keeps the first piece. */
  void put(byte[] key, int value) {
    int node = ROOT;
    for (byte b : key) {
      int next = child(node, b);
      if (next < 0) {
        next = nodes++;
        if (nodes > values.length) {
          int old = values.length;
          values = Arrays.copyOf(values, old * 2);
          Arrays.fill(values, old, values.length, -1);
        }
        link(node, b, next);
      }
      node = next;
    }
    if (values[node] < 0) {
      values[node] = value;
    }
  }

  /** The child of {@code node} under byte {@code b}, or -1. */
  int child(int node, byte b) {
    if (node == ROOT) {
      return rootChildren[b & 0xff];
    }
    long k = ((long) node << 8) | (b & 0xff);
    int i = hash(k) & mask;
    while (true) {
      long kk = keys[i];
      if (kk == k) {
        return children[i];
      }
      if (kk == EMPTY) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /** The value of key {@code s[start, end)}, or -1 when it is not a key. */
  int get(byte[] s, int start, int end) {
    int node = ROOT;
    for (int k = start; k < end && node >= 0; k++) {
      node = child(node, s[k]);
    }
    return node >= 0 ? values[node] : -1;
  }

  /** Length of the longest key that prefixes {@code s[pos, end)}, or 0 when none does. */
  int longestKey(byte[] s, int pos, int end) {
    int node = ROOT;
    int longest = 0;
    for (int k = pos; k < end; k++) {
      node = child(node, s[k]);
      if (node < 0) {
        break;
      }
      if (values[node] >= 0) {
        longest = k + 1 - pos;
      }
    }
    return longest;
  }

  /** The value stored at {@code node}, or -1 if no key ends there. */
  int value(int node) {
    return values[node];
  }

  private void link(int node, byte b, int child) {
    if (node == ROOT) {
      rootChildren[b & 0xff] = child;
      return;
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    long k = ((long) node << 8) | (b & 0xff);
    int i = hash(k) & mask;
    while (keys[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    keys[i] = k;
    children[i] = child;
    size++;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldChildren = children;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    children = new int[keys.length];
    mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != EMPTY) {
        int i = hash(oldKeys[j]) & mask;
        while (keys[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        children[i] = oldChildren[j];
      }
    }
  }

  private static int hash(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29));
  }
}

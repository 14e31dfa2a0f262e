package kiln.filters.model;

import java.util.Arrays;

/** A growable int array (no boxing on the per-token path). */
final class IntList {
  private int[] a;
  private int size;

  IntList(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[size++] = v;
  }

  int get(int i) {
    return a[i];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** The backing array; entries from {@link #size()} on are garbage. */
  int[] array() {
    return a;
  }

  int[] toArray() {
    return Arrays.copyOf(a, size);
  }
}

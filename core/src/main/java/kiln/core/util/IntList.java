package kiln.core.util;

import java.util.Arrays;

/** A growable int array, so per-token paths (token ids, fastText rows) never box. */
public final class IntList {
  private int[] a;
  private int size;

  public IntList(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  public void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[size++] = v;
  }

  public void add(int[] vs) {
    if (size + vs.length > a.length) {
      a = Arrays.copyOf(a, Math.max(a.length * 2, size + vs.length));
    }
    System.arraycopy(vs, 0, a, size, vs.length);
    size += vs.length;
  }

  public int get(int i) {
    return a[i];
  }

  public int size() {
    return size;
  }

  public void clear() {
    size = 0;
  }

  /** The backing array; entries from {@link #size()} on are garbage. */
  public int[] array() {
    return a;
  }

  public int[] toArray() {
    return Arrays.copyOf(a, size);
  }
}

package kiln.tokenize;

import java.util.Arrays;

/** A growable int[] (token ids), so encoding never boxes. */
final class IntArrayBuilder {
  private int[] a;
  private int n;

  IntArrayBuilder(int capacity) {
    a = new int[Math.max(16, capacity)];
  }

  void add(int v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[n++] = v;
  }

  void add(int[] vs) {
    if (n + vs.length > a.length) {
      a = Arrays.copyOf(a, Math.max(a.length * 2, n + vs.length));
    }
    System.arraycopy(vs, 0, a, n, vs.length);
    n += vs.length;
  }

  int size() {
    return n;
  }

  /** Adapts a builder to {@link kiln.tokenize.spm.SpmEncoder.IntSink}; retarget it per call. */
  static final class Sink implements kiln.tokenize.spm.SpmEncoder.IntSink {
    IntArrayBuilder target;

    @Override
    public void add(int id) {
      target.add(id);
    }
  }

  int[] toArray() {
    return Arrays.copyOf(a, n);
  }
}

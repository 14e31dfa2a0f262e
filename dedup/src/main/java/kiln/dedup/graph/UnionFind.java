package kiln.dedup.graph;

/**
 * Disjoint sets over 0..n-1 with path halving and union by size; {@link #find} returns the smallest member
 * of the set, so results do not depend on the order of unions.
 */
public final class UnionFind {
  private final int[] parent;
  private final int[] size;
  private final int[] min;

  public UnionFind(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    parent = new int[n];
    size = new int[n];
    min = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
      min[i] = i;
    }
  }

  private int root(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /** Smallest element of x's set. */
  public int find(int x) {
    return min[root(x)];
  }

  public void union(int x, int y) {
    int rx = root(x);
    int ry = root(y);
    if (rx == ry) {
      return;
    }
    if (size[rx] < size[ry]) {
      int t = rx;
      rx = ry;
      ry = t;
    }
    parent[ry] = rx;
    size[rx] += size[ry];
    min[rx] = Math.min(min[rx], min[ry]);
  }

  public int sizeOf(int x) {
    return size[root(x)];
  }
}

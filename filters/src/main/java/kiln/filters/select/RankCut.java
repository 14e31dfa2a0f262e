package kiln.filters.select;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * A cut in a group's ranking, which orders documents by (key ascending, id ascending by UTF-8 bytes, as Spark
 * sorts strings): {@code rank} documents (1-based positions 1..rank) are at or below it; the last of them has
 * {@code key} and {@code id}. Rank 0 is a cut below every document ({@code id} null).
 */
public record RankCut(long rank, double key, String id) implements Serializable {
  public RankCut {
    if (rank < 0 || (rank > 0) != (id != null)) {
      throw new IllegalArgumentException("rank " + rank + " with id " + id);
    }
  }

  public static final RankCut NONE = new RankCut(0, 0, null);

  /** True when the document (key, id) is at or below this cut. */
  public boolean covers(double docKey, String docId) {
    if (rank == 0) {
      return false;
    }
    int c = compareKeys(docKey, key);
    return c < 0 || (c == 0 && compareIds(docId, id) <= 0);
  }

  /** Spark's double order: NaN last, -0.0 equal to 0.0. */
  static int compareKeys(double a, double b) {
    return a == b ? 0 : Double.compare(a, b);
  }

  /** Unsigned UTF-8 byte order, Spark's order of strings (differs from String.compareTo above U+FFFF). */
  static int compareIds(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}

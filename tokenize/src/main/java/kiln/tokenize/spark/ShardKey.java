package kiln.tokenize.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Position of a document in the shard order: shard number, then the caller's order key, then the id.
 * Compares the way Spark's ascending sort does, so driver-side binary searches agree with Spark's sort:
 * nulls first, strings by unsigned UTF-8 bytes (Spark's binary collation), numbers as longs.
 */
record ShardKey(int shard, Object order, String id) implements Serializable {

  static final Comparator<ShardKey> ORDER = new ByShard();

  private static final class ByShard implements Comparator<ShardKey>, Serializable {
    @Override
    public int compare(ShardKey a, ShardKey b) {
      int c = Integer.compare(a.shard, b.shard);
      return c != 0 ? c : compareDocs(a.order, a.id, b.order, b.id);
    }
  }

  static int compareDocs(Object orderA, String idA, Object orderB, String idB) {
    int c = compareValues(orderA, orderB);
    return c != 0 ? c : compareValues(idA, idB);
  }

  static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof String sa && b instanceof String sb) {
      return Arrays.compareUnsigned(sa.getBytes(StandardCharsets.UTF_8), sb.getBytes(StandardCharsets.UTF_8));
    }
    if (a instanceof Number na && b instanceof Number nb) {
      return Long.compare(na.longValue(), nb.longValue());
    }
    throw new IllegalArgumentException("cannot compare order values " + a + " and " + b);
  }
}

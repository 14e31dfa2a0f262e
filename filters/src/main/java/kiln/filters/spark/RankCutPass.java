package kiln.filters.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import kiln.core.spark.DocumentSchema;
import kiln.filters.FilterChain;
import kiln.filters.select.RankCut;
import kiln.filters.select.RankCuts;
import kiln.filters.select.Ranked;
import kiln.filters.select.RankedFilter;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The first pass of a dataset-level filter: runs the chain up to the filter on every document, ranks the
 * documents that reach it ({@link RankedFilter#rank}), and finds, in each group, the documents at the cut
 * positions the filter asks for, in the total order (key, id). Exact (no sketches): {@code row_number} over a
 * window per group, so the cuts, and with them the filter's decisions, are the same for any partitioning.
 * One group is sorted by one task (spilling to disk); fine for languages, a limit for one huge group.
 */
final class RankCutPass {
  private RankCutPass() {}

  static final String GROUP = "group";
  static final String KEY = "key";
  static final String ID = "id";
  static final StructType RANKED = new StructType()
      .add(GROUP, DataTypes.StringType, false)
      .add(KEY, DataTypes.DoubleType, false)
      .add(ID, DataTypes.StringType, false);

  /** Builds the chain on an executor: the stage's config with the cuts of earlier filters. */
  interface ChainSource extends java.io.Serializable {
    FilterChain chain();
  }

  /** Cut-offs of filter {@code index} of the chain {@code source} gives; {@code filter} is that filter (driver). */
  static RankCuts compute(Dataset<Row> docs, ChainSource source, int index, RankedFilter filter) {
    Dataset<Row> ranked = docs.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
      FilterChain full = source.chain();
      FilterChain before = full.prefix(index);
      RankedFilter f = (RankedFilter) full.filters().get(index);
      return new Skipping(rows, r -> {
        FilterChain.Verdict v = before.apply(DocumentSchema.toDocument(r));
        if (v.reason() != null) {
          return null;
        }
        Ranked k = f.rank(v.doc());
        return k == null ? null : RowFactory.create(k.group(), k.key(), v.doc().id());
      });
    }, Encoders.row(RANKED)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> sizes = new TreeMap<>();
      for (Row r : ranked.groupBy(col(GROUP)).count().collectAsList()) {
        sizes.put(r.getString(0), r.getLong(1));
      }
      Map<String, long[]> wanted = new TreeMap<>();
      Column pick = lit(false);
      for (Map.Entry<String, Long> e : sizes.entrySet()) {
        long[] ranks = filter.cutRanks(e.getValue());
        check(ranks, e.getValue(), filter);
        wanted.put(e.getKey(), ranks);
        Object[] positive = Arrays.stream(ranks).filter(k -> k > 0).boxed().toArray();
        if (positive.length > 0) {
          pick = pick.or(col(GROUP).equalTo(e.getKey()).and(col("rn").isin(positive)));
        }
      }
      Map<String, Map<Long, RankCut>> found = new HashMap<>();
      List<Row> rows = ranked
          .withColumn("rn", row_number().over(Window.partitionBy(col(GROUP)).orderBy(col(KEY), col(ID))))
          .filter(pick).collectAsList();
      for (Row r : rows) {
        long rn = ((Number) r.getAs("rn")).longValue();
        found.computeIfAbsent(r.getString(0), g -> new HashMap<>())
            .put(rn, new RankCut(rn, r.getDouble(1), r.getString(2)));
      }
      Map<String, RankCuts.Group> groups = new TreeMap<>();
      for (Map.Entry<String, long[]> e : wanted.entrySet()) {
        List<RankCut> cuts = new ArrayList<>();
        for (long k : e.getValue()) {
          RankCut c = k == 0 ? RankCut.NONE : found.getOrDefault(e.getKey(), Map.of()).get(k);
          if (c == null) {
            throw new IllegalStateException("rank " + k + " of group '" + e.getKey() + "' not found");
          }
          cuts.add(c);
        }
        groups.put(e.getKey(), new RankCuts.Group(sizes.get(e.getKey()), cuts));
      }
      return new RankCuts(groups);
    } finally {
      ranked.unpersist();
    }
  }

  private static void check(long[] ranks, long n, RankedFilter f) {
    for (int i = 0; i < ranks.length; i++) {
      if (ranks[i] < 0 || ranks[i] > n || (i > 0 && ranks[i] < ranks[i - 1])) {
        throw new IllegalStateException(f.name() + ": cut ranks " + Arrays.toString(ranks) + " for " + n + " docs");
      }
    }
  }

  /** Maps rows, skipping those the function maps to null. */
  private static final class Skipping implements Iterator<Row> {
    private final Iterator<Row> in;
    private final java.util.function.Function<Row, Row> f;
    private Row next;

    Skipping(Iterator<Row> in, java.util.function.Function<Row, Row> f) {
      this.in = in;
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      while (next == null && in.hasNext()) {
        next = f.apply(in.next());
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }
  }
}

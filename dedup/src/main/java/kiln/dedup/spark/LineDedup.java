package kiln.dedup.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.List;
import kiln.core.Columns;
import kiln.dedup.DedupConfig.LineDedupConfig;
import kiln.dedup.exact.LineHashes;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which lines to remove from which document: a line ({@link LineHashes} key) that occurs in at least
 * {@code min_count} distinct documents is kept only in the document with the smallest id and removed from
 * all others. Counting documents rather than occurrences keeps a document's own repeated lines (a poem's
 * refrain) from triggering removal by themselves.
 */
final class LineDedup {
  private LineDedup() {}

  static final String DROP = "_dd_drop";
  private static final StructType LINE_SCHEMA = new StructType()
      .add(Columns.ID, DataTypes.StringType, false)
      .add("_dd_lh", DataTypes.LongType, false);

  /** {@code id, _dd_drop}: sorted keys of lines to remove, for documents that have any. */
  static Dataset<Row> drops(Dataset<Row> docs, LineDedupConfig cfg) {
    int minChars = cfg.minChars();
    Dataset<Row> lines = docs.select(Columns.ID, Columns.TEXT).flatMap((FlatMapFunction<Row, Row>) r -> {
      long[] keys = new LineHashes(minChars).distinctKeys(r.getString(1));
      List<Row> out = new ArrayList<>(keys.length);
      for (long k : keys) {
        out.add(RowFactory.create(r.getString(0), k));
      }
      return out.iterator();
    }, Encoders.row(LINE_SCHEMA));
    Dataset<Row> frequent = lines.groupBy("_dd_lh").agg(count(lit(1)).as("_dd_n"), min(Columns.ID).as("_dd_owner"))
        .where(col("_dd_n").geq(cfg.minCount()));
    return lines.join(frequent, "_dd_lh").where(col(Columns.ID).notEqual(col("_dd_owner")))
        .groupBy(Columns.ID).agg(array_sort(collect_list(col("_dd_lh"))).as(DROP));
  }
}

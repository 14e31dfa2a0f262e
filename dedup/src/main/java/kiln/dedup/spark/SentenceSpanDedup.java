package kiln.dedup.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;
import kiln.core.Columns;
import kiln.dedup.DedupConfig.SentenceSpanConfig;
import kiln.dedup.exact.SentenceSpans;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which sentence spans to remove from which document (C4's three-sentence-span dedup): every occurrence of
 * a span key ({@link SentenceSpans}) except the first, where first = smallest document id, then smallest
 * position, is removed, within one document as across documents. One group-by-min on the span key and one
 * join; nothing is collected.
 */
final class SentenceSpanDedup {
  private SentenceSpanDedup() {}

  static final String DROP = "_dd_sdrop";
  private static final String POS = "_dd_sp";
  private static final String KEY = "_dd_sk";
  private static final StructType SPAN_SCHEMA = new StructType()
      .add(Columns.ID, DataTypes.StringType, false)
      .add(POS, DataTypes.IntegerType, false)
      .add(KEY, DataTypes.LongType, false);

  /** {@code id, _dd_sdrop}: sorted start positions of spans to remove, for documents that have any. */
  static Dataset<Row> drops(Dataset<Row> docs, SentenceSpanConfig cfg) {
    int n = cfg.nSentences();
    Dataset<Row> spans = docs.select(Columns.ID, Columns.TEXT).flatMap((FlatMapFunction<Row, Row>) r -> {
      SentenceSpans.Keys k = new SentenceSpans(n).keys(r.getString(1));
      List<Row> out = new ArrayList<>(k.keys().length);
      for (int i = 0; i < k.keys().length; i++) {
        out.add(RowFactory.create(r.getString(0), k.positions()[i], k.keys()[i]));
      }
      return out.iterator();
    }, Encoders.row(SPAN_SCHEMA));
    Dataset<Row> repeated = spans.groupBy(KEY)
        .agg(count(lit(1)).as("_dd_n"), min(struct(col(Columns.ID), col(POS))).as("_dd_first"))
        .where(col("_dd_n").gt(1));
    return spans.join(repeated, KEY)
        .where(col(Columns.ID).notEqual(col("_dd_first." + Columns.ID))
            .or(col(POS).notEqual(col("_dd_first." + POS))))
        .groupBy(Columns.ID).agg(array_sort(collect_list(col(POS))).as(DROP));
  }
}

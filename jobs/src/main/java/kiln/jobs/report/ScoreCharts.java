package kiln.jobs.report;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import kiln.core.Columns;
import kiln.core.config.ConfigNode;
import kiln.filters.spark.FilterStage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The data behind the report's score charts: for each model-score filter a stage recorded
 * ({@code extra.score_cuts} in {@code _stats.json}, see {@link kiln.filters.ScoredFilter}), a histogram of the
 * filter's score over the stage's kept and rejected rows with the cut-off on a bucket edge, the counts on each side
 * of the cut-off, and the documents nearest to it on each side. Computed with Spark aggregations and two top-N
 * queries; only aggregated rows and the examples reach the driver. Written as {@code RUN/report/score_charts.json}.
 *
 * <p>"Rejected" here means rejected by that filter: reason {@code <filter>:...}, or in signals mode
 * {@code signal.<filter>.rule} set. A document another filter rejected counts as kept by this one.
 */
final class ScoreCharts {
  private ScoreCharts() {}

  static final String FILE = "score_charts.json";
  /** Buckets across the observed range (one more when the cut-off is aligned onto an edge). */
  static final int BUCKETS = 40;
  /** Examples on each side of the cut-off. */
  static final int EXAMPLES = 4;
  static final int SNIPPET_CHARS = 300;

  static ArrayNode compute(SparkSession spark, List<ReportWriter.StageData> stages) {
    ArrayNode out = ConfigNode.newObject().arrayNode();
    for (ReportWriter.StageData s : stages) {
      if (!(s.stats().extra().get(FilterStage.SCORE_CUTS) instanceof List<?> cuts) || cuts.isEmpty()) {
        continue;
      }
      Dataset<Row> rows = rows(spark, s);
      for (Object c : cuts) {
        if (c instanceof Map<?, ?> cut) {
          out.add(chart(rows, s, cut));
        }
      }
    }
    return out;
  }

  /** Kept and rejected rows of a stage, as id, text, meta and reason (null when kept). */
  private static Dataset<Row> rows(SparkSession spark, ReportWriter.StageData s) {
    Dataset<Row> all = null;
    if (s.stats().docsKept() > 0) {
      all = spark.read().parquet(s.dir() + "/kept")
          .select(col(Columns.ID), col(Columns.TEXT), col(Columns.META), lit(null).cast("string").as(Columns.REASON));
    }
    if (s.stats().docsRejected() > 0) {
      Dataset<Row> r = spark.read().parquet(s.dir() + "/rejected")
          .select(col(Columns.ID), col(Columns.TEXT), col(Columns.META), col(Columns.REASON));
      all = all == null ? r : all.unionByName(r);
    }
    if (all == null) {
      all = spark.createDataFrame(List.of(), org.apache.spark.sql.types.StructType.fromDDL(
          "id STRING, text STRING, meta MAP<STRING,STRING>, reason STRING"));
    }
    return all;
  }

  private static ObjectNode chart(Dataset<Row> rows, ReportWriter.StageData s, Map<?, ?> cut) {
    String filter = String.valueOf(cut.get("filter"));
    String signal = String.valueOf(cut.get("signal"));
    double cutoff = ((Number) cut.get("cutoff")).doubleValue();
    boolean keepAbove = "above".equals(cut.get("keep"));
    ObjectNode chart = ConfigNode.newObject();
    chart.put("stage", s.name()).put("filter", filter).put("signal", signal).put("cutoff", cutoff)
        .put("cutoff_key", String.valueOf(cut.get("cutoff_key"))).put("keep", keepAbove ? "above" : "below");

    Column raw = col(Columns.META).getItem("signal." + filter + "." + signal);
    Column num = raw.try_cast(DataTypes.DoubleType);
    Column finite = when(num.isNull().or(isnan(num)).or(abs(num).equalTo(Double.POSITIVE_INFINITY)), lit(null))
        .otherwise(num);
    Column rejected = col(Columns.REASON).startsWith(filter + ":")
        .or(col(Columns.META).getItem("signal." + filter + ".rule").isNotNull());
    Dataset<Row> d = rows.select(col(Columns.ID), col(Columns.TEXT), col(Columns.REASON), raw.as("v"),
        finite.as("x"), when(rejected, true).otherwise(false).as("rej"));

    Row agg = d.agg(count(lit(1)), count(col("v")), count(col("x")), min("x"), max("x")).first();
    long docs = agg.getLong(0);
    long scored = agg.getLong(2);
    chart.put("docs", docs).put("scored", scored).put("invalid", agg.getLong(1) - scored)
        .put("unscored", docs - agg.getLong(1));
    if (scored == 0) {
      chart.put("scale", "linear");
      return chart;
    }
    double lo = Math.min(agg.getDouble(3), cutoff);
    double hi = Math.max(agg.getDouble(4), cutoff);
    boolean log = "log".equals(cut.get("scale")) && lo > 0;
    chart.put("scale", log ? "log" : "linear").put("min", agg.getDouble(3)).put("max", agg.getDouble(4));

    // Bucket edges evenly spaced in axis units (log10 on a log axis) and shifted so the cut-off is edge k: every
    // bucket lies on one side. Buckets are (e_i, e_i+1], so a score equal to the cut-off falls at or below it, as
    // both filters have it.
    double tlo = log ? Math.log10(lo) : lo;
    double thi = log ? Math.log10(hi) : hi;
    double tc = log ? Math.log10(cutoff) : cutoff;
    double w = thi > tlo ? (thi - tlo) / BUCKETS : (log || tc == 0 ? 0.05 : Math.abs(tc) * 0.05);
    int k = Math.max(1, (int) Math.ceil((tc - tlo) / w - 1e-9));
    int n = k + (hi > cutoff ? Math.max(1, (int) Math.ceil((thi - tc) / w - 1e-9)) : 0);
    double start = tc - k * w;
    double[] edge = new double[n + 1];
    ArrayNode edges = chart.putArray("edges");
    for (int i = 0; i <= n; i++) {
      edge[i] = i == k ? cutoff : log ? Math.pow(10, start + i * w) : start + i * w;
      edges.add(edge[i]);
    }
    chart.put("cutoff_edge", k);
    // A score's bucket is the number of inner edges below it, compared in the very numbers written above, so the
    // data and its edges agree at every edge, and edge k being the cut-off puts each score on its own side.
    Column above = col("x").gt(lit(cutoff));
    Column idx = lit(0);
    if (n > 1) {
      Column[] inner = new Column[n - 1];
      for (int i = 1; i < n; i++) {
        inner[i - 1] = lit(edge[i]);
      }
      idx = size(filter(array(inner), e -> e.lt(col("x"))));
    }
    long[][] buckets = new long[n][2];
    long[][] sides = new long[2][2];
    for (Row r : d.filter(col("x").isNotNull())
        .groupBy(idx.as("b"), col("rej"), above.as("above")).agg(count(lit(1)))
        .collectAsList()) {
      int kr = r.getBoolean(1) ? 1 : 0;
      buckets[r.getInt(0)][kr] += r.getLong(3);
      sides[r.getBoolean(2) ? 0 : 1][kr] += r.getLong(3);
    }
    ArrayNode b = chart.putArray("buckets");
    for (long[] kr : buckets) {
      b.addArray().add(kr[0]).add(kr[1]);
    }
    ObjectNode side = chart.putObject("sides");
    side.putObject("above").put("kept", sides[0][0]).put("rejected", sides[0][1]);
    side.putObject("below").put("kept", sides[1][0]).put("rejected", sides[1][1]);

    ObjectNode ex = chart.putObject("examples");
    examples(ex.putArray("above"), d.filter(col("x").gt(lit(cutoff))).orderBy(col("x").asc(), col(Columns.ID)));
    examples(ex.putArray("below"), d.filter(col("x").leq(lit(cutoff))).orderBy(col("x").desc(), col(Columns.ID)));
    return chart;
  }

  /** The first few rows of an ordered set: nearest the cut-off first, ties by id. */
  private static void examples(ArrayNode out, Dataset<Row> ordered) {
    for (Row r : ordered.limit(EXAMPLES).select(col(Columns.ID), col("x"), col("v"), col("rej"),
        col(Columns.REASON), substring(col(Columns.TEXT), 1, SNIPPET_CHARS)).collectAsList()) {
      ObjectNode e = out.addObject();
      e.put("id", r.getString(0)).put("score", r.getDouble(1)).put("value", r.getString(2))
          .put("rejected", r.getBoolean(3));
      if (!r.isNullAt(4)) {
        e.put("reason", r.getString(4));
      }
      e.put("text", r.isNullAt(5) ? "" : r.getString(5));
    }
  }
}

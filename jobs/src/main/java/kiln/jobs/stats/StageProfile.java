package kiln.jobs.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.named_struct;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.core.config.ConfigNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The distributions the report draws for one stage, computed with Spark aggregations over the stage's
 * annotated rows (never by collecting documents): length and word-count histograms (log2 buckets), languages,
 * code languages and licences, dedup cluster sizes, PII span totals, top domains and TLDs, and a histogram of
 * every numeric filter signal ({@code meta.signal.<filter>.<name>}). Each count is split into kept and
 * rejected, so the report shows what a threshold removes. Written as {@code OUT/<stage>/_profile.json}.
 */
public final class StageProfile {
  private StageProfile() {}

  public static final String FILE = "_profile.json";
  /** Buckets per signal histogram. */
  public static final int SIGNAL_BUCKETS = 20;
  /** Rows kept per top list (domains, TLDs). */
  public static final int TOP = 25;
  /** Label under which values that cannot be read (a URL without a host, a non-numeric count) are counted. */
  public static final String INVALID = "(invalid)";

  /**
   * Metrics with a bounded number of distinct values, in one pass over the data; {@code words} is added in
   * {@link #compute} because it is a Java function ({@link WordCount}).
   */
  private static final List<String> METRICS = List.of(
      "named_struct('m','chars','b',cast(floor(log2(length(text)+1)) as string))",
      "named_struct('m','lang','b',if(kind = 'code', null, coalesce(lang,'(none)')))",
      "named_struct('m','code_lang','b',if(kind = 'code', coalesce(lang,'(none)'), null))",
      "named_struct('m','license','b',if(kind = 'code', coalesce(meta['license'],'(none)'), null))",
      "named_struct('m','kind','b',kind)",
      "named_struct('m','source','b',source)",
      // try_cast: meta values are text from any producer; one that is not a number is counted, not fatal.
      "named_struct('m','cluster_size','b',if(meta['cluster_size'] is null, null, coalesce(cast(floor(log2("
          + "try_cast(meta['cluster_size'] as double))) as string), '" + INVALID + "')))");

  public static ObjectNode compute(Dataset<Row> annotated) {
    Dataset<Row> a = annotated.withColumn("_kept", col(Columns.REASON).isNull());
    ObjectNode root = ConfigNode.newObject();
    ObjectNode metrics = root.putObject("metrics");
    Column words = named_struct(lit("m"), lit("words"), lit("b"),
        floor(log2(WordCount.UDF.apply(col(Columns.TEXT)).plus(1))).cast(DataTypes.StringType));
    List<Column> all = new ArrayList<>();
    for (String m : METRICS) {
      all.add(expr(m));
    }
    all.add(1, words);
    List<Row> rows = a.select(col("_kept"), explode(array(all.toArray(new Column[0]))).as("x"))
        .filter(col("x.b").isNotNull())
        .groupBy(col("x.m"), col("x.b"), col("_kept")).agg(count(lit(1)).as("n"))
        .collectAsList();
    Map<String, Map<String, long[]>> byMetric = new TreeMap<>();
    for (Row r : rows) {
      long[] kr = byMetric.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).computeIfAbsent(r.getString(1),
          k -> new long[2]);
      kr[r.getBoolean(2) ? 0 : 1] += r.getLong(3);
    }
    byMetric.forEach((m, buckets) -> metrics.set(m, buckets(buckets, m.equals("chars") || m.equals("words")
        || m.equals("cluster_size"))));

    // Hosts and TLDs of web pages: unbounded cardinality, so only the top rows leave the cluster.
    // The host is read in Java (UrlHost), not with parse_url: real crawls hold URLs that java.net.URI refuses
    // (spaces, raw Unicode), and under ANSI mode one of them would abort the whole job.
    Dataset<Row> hosts = a.filter(col(Columns.KIND).equalTo("web"))
        .select(col("_kept"), UrlHost.UDF.apply(col(Columns.URL)).as("host"))
        .filter(col("host").isNotNull());
    metrics.set("domain", top(hosts, "host"));
    metrics.set("tld", top(hosts.withColumn("tld", when(col("host").equalTo(INVALID), col("host"))
        .otherwise(substring_index(col("host"), ".", -1))), "tld"));

    // PII span totals.
    Dataset<Row> pii = a.select(expr("explode(map_filter(meta, (k, v) -> startswith(k, 'pii.')))").as(new String[] {"k", "v"}));
    ObjectNode piiNode = metrics.putObject("pii");
    long piiInvalid = 0;
    for (Row r : pii.withColumn("n", col("v").try_cast(DataTypes.LongType)).groupBy(col("k"))
        .agg(sum(col("n")).as("n"), count(when(col("n").isNull(), lit(1))).as("bad")).orderBy(col("k"))
        .collectAsList()) {
      piiNode.put(r.getString(0).substring(4), r.isNullAt(1) ? 0 : r.getLong(1));
      piiInvalid += r.getLong(2);
    }
    if (piiInvalid > 0) {
      piiNode.put(INVALID, piiInvalid);
    }

    root.set("signals", signals(a));
    return root;
  }

  private static ArrayNode buckets(Map<String, long[]> buckets, boolean log2) {
    ArrayNode arr = ConfigNode.newObject().arrayNode();
    var entries = new java.util.ArrayList<>(buckets.entrySet());
    if (log2) {
      entries.sort(java.util.Comparator.comparingInt(e -> e.getKey().equals(INVALID) ? Integer.MAX_VALUE
          : Integer.parseInt(e.getKey())));
    } else {
      entries.sort((x, y) -> Long.compare(y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]));
    }
    for (var e : entries) {
      ObjectNode b = arr.addObject();
      if (log2 && !e.getKey().equals(INVALID)) {
        int k = Integer.parseInt(e.getKey());
        long lo = (1L << k) - 1;
        b.put("label", lo + "–" + ((1L << (k + 1)) - 2)).put("lo", lo);
      } else {
        b.put("label", e.getKey());
      }
      b.put("kept", e.getValue()[0]).put("rejected", e.getValue()[1]);
    }
    return arr;
  }

  private static ArrayNode top(Dataset<Row> ds, String column) {
    ArrayNode arr = ConfigNode.newObject().arrayNode();
    for (Row r : ds.groupBy(col(column))
        .agg(expr("count_if(_kept)").as("kept"), expr("count_if(not _kept)").as("rejected"))
        .orderBy(desc("kept"), desc("rejected"), col(column)).limit(TOP).collectAsList()) {
      arr.addObject().put("label", r.getString(0)).put("kept", r.getLong(1)).put("rejected", r.getLong(2));
    }
    return arr;
  }

  /**
   * Histograms of numeric signal values: one pass for each key's range, one for the bucket counts. Values that
   * do not read as a finite number are counted per key as {@code invalid}, not bucketed. The ranges reach the
   * bucket pass through a join, never as SQL text, so no key can break the expression.
   */
  private static ObjectNode signals(Dataset<Row> a) {
    ObjectNode out = ConfigNode.newObject();
    Column x = col("v").try_cast(DataTypes.DoubleType);
    Dataset<Row> all = a.select(col("_kept"),
            expr("explode(map_filter(meta, (k, v) -> startswith(k, 'signal.')))").as(new String[] {"k", "v"}))
        .withColumn("x", when(x.isNull().or(isnan(x)).or(abs(x).equalTo(Double.POSITIVE_INFINITY)), lit(null))
            .otherwise(x));
    Map<String, Long> invalid = new TreeMap<>();
    for (Row r : all.filter(col("x").isNull()).groupBy(col("k")).agg(count(lit(1))).collectAsList()) {
      invalid.put(r.getString(0), r.getLong(1));
    }
    Dataset<Row> sig = all.filter(col("x").isNotNull());
    Dataset<Row> rangeRows = sig.groupBy(col("k")).agg(min("x").as("lo"), max("x").as("hi"));
    List<Row> ranges = rangeRows.orderBy(col("k")).collectAsList();
    // (x - lo) / width can overflow to infinity for extreme ranges; try_cast turns that into null, clamped.
    Column width = greatest(col("hi").minus(col("lo")), lit(1e-12));
    Column raw = floor(col("x").minus(col("lo")).divide(width).multiply(SIGNAL_BUCKETS)).try_cast(DataTypes.IntegerType);
    Column bucket = least(lit(SIGNAL_BUCKETS - 1), greatest(lit(0), coalesce(raw, lit(SIGNAL_BUCKETS - 1))));
    Map<String, long[][]> counts = new TreeMap<>();
    for (Row r : sig.join(broadcast(rangeRows), "k").withColumn("b", bucket)
        .groupBy(col("k"), col("b"), col("_kept")).agg(count(lit(1))).collectAsList()) {
      long[][] c = counts.computeIfAbsent(r.getString(0), k -> new long[SIGNAL_BUCKETS][2]);
      c[r.getInt(1)][r.getBoolean(2) ? 0 : 1] += r.getLong(3);
    }
    for (String k : invalid.keySet()) {
      if (ranges.stream().noneMatch(r -> r.getString(0).equals(k))) {
        out.putObject(k.substring("signal.".length())).put("invalid", invalid.get(k));
      }
    }
    for (Row range : ranges) {
      String k = range.getString(0);
      ObjectNode s = out.putObject(k.substring("signal.".length()));
      s.put("min", range.getDouble(1)).put("max", range.getDouble(2));
      if (invalid.containsKey(k)) {
        s.put("invalid", invalid.get(k));
      }
      ArrayNode b = s.putArray("buckets");
      long[][] c = counts.getOrDefault(k, new long[SIGNAL_BUCKETS][2]);
      for (long[] kr : c) {
        b.addArray().add(kr[0]).add(kr[1]);
      }
    }
    return out;
  }
}

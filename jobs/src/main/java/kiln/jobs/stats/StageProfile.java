package kiln.jobs.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.core.config.ConfigNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

  /** Metrics with a bounded number of distinct values, in one pass over the data. */
  private static final String METRICS = String.join(",",
      "named_struct('m','chars','b',cast(floor(log2(length(text)+1)) as string))",
      "named_struct('m','words','b',cast(floor(log2(size(filter(split(text,'\\\\s+'), w -> w != ''))+1)) as string))",
      "named_struct('m','lang','b',if(kind = 'code', null, coalesce(lang,'(none)')))",
      "named_struct('m','code_lang','b',if(kind = 'code', coalesce(lang,'(none)'), null))",
      "named_struct('m','license','b',if(kind = 'code', coalesce(meta['license'],'(none)'), null))",
      "named_struct('m','kind','b',kind)",
      "named_struct('m','source','b',source)",
      "named_struct('m','cluster_size','b',cast(floor(log2(cast(meta['cluster_size'] as double))) as string))");

  public static ObjectNode compute(Dataset<Row> annotated) {
    Dataset<Row> a = annotated.withColumn("_kept", col(Columns.REASON).isNull());
    ObjectNode root = ConfigNode.newObject();
    ObjectNode metrics = root.putObject("metrics");
    List<Row> rows = a.select(col("_kept"), expr("explode(array(" + METRICS + ")) as x"))
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
    Dataset<Row> hosts = a.filter(col(Columns.KIND).equalTo("web"))
        .select(col("_kept"), expr("lower(parse_url(url, 'HOST'))").as("host"))
        .filter(col("host").isNotNull());
    metrics.set("domain", top(hosts, "host"));
    metrics.set("tld", top(hosts.withColumn("tld", expr("substring_index(host, '.', -1)")), "tld"));

    // PII span totals.
    Dataset<Row> pii = a.select(expr("explode(map_filter(meta, (k, v) -> startswith(k, 'pii.')))").as(new String[] {"k", "v"}));
    ObjectNode piiNode = metrics.putObject("pii");
    for (Row r : pii.groupBy(col("k")).agg(expr("sum(cast(v as long))").as("n")).orderBy(col("k")).collectAsList()) {
      piiNode.put(r.getString(0).substring(4), r.isNullAt(1) ? 0 : r.getLong(1));
    }

    root.set("signals", signals(a));
    return root;
  }

  private static ArrayNode buckets(Map<String, long[]> buckets, boolean log2) {
    ArrayNode arr = ConfigNode.newObject().arrayNode();
    var entries = new java.util.ArrayList<>(buckets.entrySet());
    if (log2) {
      entries.sort(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.getKey())));
    } else {
      entries.sort((x, y) -> Long.compare(y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]));
    }
    for (var e : entries) {
      ObjectNode b = arr.addObject();
      if (log2) {
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

  /** Histograms of numeric signal values: one pass for each key's range, one for the bucket counts. */
  private static ObjectNode signals(Dataset<Row> a) {
    ObjectNode out = ConfigNode.newObject();
    Dataset<Row> sig = a.select(col("_kept"),
            expr("explode(map_filter(meta, (k, v) -> startswith(k, 'signal.')))").as(new String[] {"k", "v"}))
        .withColumn("x", expr("try_cast(v as double)"))
        .filter(col("x").isNotNull());
    List<Row> ranges = sig.groupBy(col("k")).agg(min("x"), max("x")).orderBy(col("k")).collectAsList();
    if (ranges.isEmpty()) {
      return out;
    }
    StringBuilder lo = new StringBuilder("map(");
    StringBuilder hi = new StringBuilder("map(");
    for (int i = 0; i < ranges.size(); i++) {
      String k = ranges.get(i).getString(0).replace("'", "");
      lo.append(i > 0 ? "," : "").append('\'').append(k).append("',").append(ranges.get(i).getDouble(1)).append("D");
      hi.append(i > 0 ? "," : "").append('\'').append(k).append("',").append(ranges.get(i).getDouble(2)).append("D");
    }
    lo.append(')');
    hi.append(')');
    String bucket = "least(" + (SIGNAL_BUCKETS - 1) + ", cast(floor((x - element_at(" + lo + ", k)) / "
        + "greatest(element_at(" + hi + ", k) - element_at(" + lo + ", k), 1e-12) * " + SIGNAL_BUCKETS + ") as int))";
    Map<String, long[][]> counts = new TreeMap<>();
    for (Row r : sig.withColumn("b", expr(bucket)).groupBy(col("k"), col("b"), col("_kept")).agg(count(lit(1)))
        .collectAsList()) {
      long[][] c = counts.computeIfAbsent(r.getString(0), k -> new long[SIGNAL_BUCKETS][2]);
      c[r.getInt(1)][r.getBoolean(2) ? 0 : 1] += r.getLong(3);
    }
    for (Row range : ranges) {
      String k = range.getString(0);
      ObjectNode s = out.putObject(k.substring("signal.".length()));
      s.put("min", range.getDouble(1)).put("max", range.getDouble(2));
      ArrayNode b = s.putArray("buckets");
      long[][] c = counts.getOrDefault(k, new long[SIGNAL_BUCKETS][2]);
      for (long[] kr : c) {
        b.addArray().add(kr[0]).add(kr[1]);
      }
    }
    return out;
  }
}

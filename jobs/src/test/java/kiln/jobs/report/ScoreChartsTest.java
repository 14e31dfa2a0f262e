package kiln.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.spark.DocumentSchema;
import kiln.filters.ScoreCut;
import kiln.filters.spark.FilterStage;
import kiln.jobs.run.StageRunner;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The score-chart data over a stage written by the real stage runner: a classifier-like score cut at 0.5 (keeps
 * above; its rejects carry the reason) and a perplexity-like value cut at 100 on a log axis (keeps at or below;
 * signals-mode style, the would-be rule in meta). Every expectation is computed here from the input rows.
 */
class ScoreChartsTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("score-charts-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "3")
        .config("spark.sql.ansi.enabled", "true").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** One input document and what the test knows about it. */
  record Doc(String id, Double score, String scoreText, double ppl, String reason) {}

  static List<Doc> docs() {
    List<Doc> d = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // scores 0, 1/59, ..., 1 to four places; two tied at 0.51 (nearest above), one equal to the cut-off, one on
      // a bucket edge (0.55)
      double s = i == 20 ? 0.5 : i == 30 || i == 31 ? 0.51 : i == 32 ? 0.55 : Math.round(i / 59.0 * 1e4) / 1e4;
      double ppl = Math.pow(10, 0.2 + 3.6 * ((i * 37) % 60) / 59.0);
      String reason = s > 0.5 ? (i % 11 == 0 ? "later:rule" : null) : "qc:threshold";
      d.add(new Doc(String.format(Locale.ROOT, "doc-%02d", 59 - i), s, Double.toString(s), ppl, reason));
    }
    d.add(new Doc("no-score", null, null, 5, "earlier:min_words"));
    d.add(new Doc("not-a-number", null, "NaN", 5, null));
    return d;
  }

  static String writeStage(Path run, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (Doc d : docs()) {
      Map<String, String> meta = new TreeMap<>();
      if (d.scoreText() != null) {
        meta.put("signal.qc.score", d.scoreText());
      }
      meta.put("signal.ppl.value", Double.toString(d.ppl()));
      if (d.ppl() > 100) {
        meta.put("signal.ppl.rule", "max_perplexity");
      }
      String text = "<b>" + d.id() + "</b> " + "words ".repeat(80);
      rows.add(DocumentSchema.toAnnotatedRow(new Document(d.id(), "web", Document.Kind.WEB, null, text, "en", meta),
          d.reason()));
    }
    Map<String, Object> extra = Map.of(FilterStage.SCORE_CUTS, List.of(
        new ScoreCut("score", 0.5, "threshold", true, false).toMap("qc"),
        new ScoreCut("value", 100, "max_perplexity", false, true).toMap("ppl")));
    StageRunner.run(spark, "filter", spark.createDataFrame(rows, DocumentSchema.ANNOTATED).repartition(partitions),
        run.resolve("filter").toString(), extra);
    return run.toString();
  }

  static JsonNode charts(String run) {
    var stages = ReportWriter.load(spark, spark.sparkContext().hadoopConfiguration(), run, false);
    return ScoreCharts.compute(spark, stages);
  }

  @Test
  void classifierScoreChart(@TempDir Path dir) throws Exception {
    JsonNode all = charts(writeStage(dir.resolve("run"), 4));
    assertEquals(2, all.size());
    JsonNode c = all.get(0);
    List<Doc> docs = docs();
    List<Doc> scored = docs.stream().filter(d -> d.score() != null).toList();
    assertEquals("qc", c.path("filter").asText());
    assertEquals(0.5, c.path("cutoff").asDouble());
    assertEquals("threshold", c.path("cutoff_key").asText());
    assertEquals("linear", c.path("scale").asText());
    assertEquals(docs.size(), c.path("docs").asLong());
    assertEquals(scored.size(), c.path("scored").asLong());
    assertEquals(1, c.path("invalid").asLong());
    assertEquals(1, c.path("unscored").asLong());

    // histogram: counts sum to the scored documents, the cut-off is an edge, each bucket lies on one side
    int k = c.path("cutoff_edge").asInt();
    JsonNode edges = c.path("edges");
    assertEquals(0.5, edges.get(k).asDouble(), 1e-12);
    long[] total = new long[2];
    long[] belowBuckets = new long[2];
    for (int i = 0; i < c.path("buckets").size(); i++) {
      JsonNode kr = c.path("buckets").get(i);
      double from = edges.get(i).asDouble();
      double to = edges.get(i + 1).asDouble();
      boolean first = i == 0;
      boolean last = i == c.path("buckets").size() - 1;
      long expect = scored.stream().filter(d -> (first || d.score() > from) && (last || d.score() <= to)).count();
      assertEquals(expect, kr.get(0).asLong() + kr.get(1).asLong(), "bucket (" + from + ", " + to + "]");
      for (int j = 0; j < 2; j++) {
        total[j] += kr.get(j).asLong();
        if (i < k) {
          belowBuckets[j] += kr.get(j).asLong();
        }
      }
    }
    assertEquals(scored.size(), total[0] + total[1]);
    long rejected = scored.stream().filter(d -> "qc:threshold".equals(d.reason())).count();
    assertEquals(rejected, total[1], "rejected by qc; another filter's rejects count as kept by qc");

    // sides: above kept all (some later rejected by another filter), at or below all rejected by qc
    long above = scored.stream().filter(d -> d.score() > 0.5).count();
    assertEquals(above, c.at("/sides/above/kept").asLong());
    assertEquals(0, c.at("/sides/above/rejected").asLong());
    assertEquals(scored.size() - above, c.at("/sides/below/rejected").asLong());
    assertEquals(0, c.at("/sides/below/kept").asLong());
    assertEquals(belowBuckets[0] + belowBuckets[1], scored.size() - above);

    // examples: nearest the cut-off on each side, ties by id
    List<String> expectAbove = scored.stream().filter(d -> d.score() > 0.5)
        .sorted(Comparator.comparingDouble(Doc::score).thenComparing(Doc::id)).limit(ScoreCharts.EXAMPLES)
        .map(Doc::id).toList();
    List<String> expectBelow = scored.stream().filter(d -> d.score() <= 0.5)
        .sorted(Comparator.comparingDouble((Doc d) -> -d.score()).thenComparing(Doc::id)).limit(ScoreCharts.EXAMPLES)
        .map(Doc::id).toList();
    assertEquals(expectAbove, ids(c.at("/examples/above")));
    assertEquals(expectBelow, ids(c.at("/examples/below")));
    assertEquals(List.of("doc-28", "doc-29"), expectAbove.subList(0, 2), "the 0.51 tie, by id");
    assertEquals("doc-39", expectBelow.get(0), "the score equal to the cut-off is below it");
    for (JsonNode e : c.at("/examples/above")) {
      assertTrue(e.path("score").asDouble() > 0.5 && !e.path("rejected").asBoolean(), e.toString());
    }
    for (JsonNode e : c.at("/examples/below")) {
      assertTrue(e.path("score").asDouble() <= 0.5 && e.path("rejected").asBoolean(), e.toString());
      assertEquals("qc:threshold", e.path("reason").asText());
      assertTrue(e.path("text").asText().startsWith("<b>" + e.path("id").asText() + "</b>"));
      assertEquals(ScoreCharts.SNIPPET_CHARS, e.path("text").asText().length());
    }
  }

  @Test
  void perplexityChartOnALogAxisFromSignalsModeRules(@TempDir Path dir) {
    JsonNode c = charts(writeStage(dir.resolve("run"), 2)).get(1);
    List<Doc> docs = docs();
    assertEquals("ppl", c.path("filter").asText());
    assertEquals("log", c.path("scale").asText());
    assertEquals("below", c.path("keep").asText());
    assertEquals(docs.size(), c.path("scored").asLong());
    int k = c.path("cutoff_edge").asInt();
    assertEquals(100, c.path("edges").get(k).asDouble(), 1e-9);
    // log axis: bucket edges grow by a constant factor
    JsonNode e = c.path("edges");
    double ratio = e.get(2).asDouble() / e.get(1).asDouble();
    assertEquals(ratio, e.get(e.size() - 1).asDouble() / e.get(e.size() - 2).asDouble(), 1e-6);
    long above = docs.stream().filter(d -> d.ppl() > 100).count();
    assertEquals(above, c.at("/sides/above/rejected").asLong(), "signal.ppl.rule marks the would-be rejects");
    assertEquals(0, c.at("/sides/above/kept").asLong());
    assertEquals(docs.size() - above, c.at("/sides/below/kept").asLong());
    long sum = 0;
    for (JsonNode kr : c.path("buckets")) {
      sum += kr.get(0).asLong() + kr.get(1).asLong();
    }
    assertEquals(docs.size(), sum);
    assertEquals(docs.stream().filter(d -> d.ppl() > 100).sorted(Comparator.comparingDouble(Doc::ppl)
        .thenComparing(Doc::id)).limit(ScoreCharts.EXAMPLES).map(Doc::id).toList(), ids(c.at("/examples/above")));
  }

  @Test
  void deterministicForAnyPartitioningAndWrittenWithTheReport(@TempDir Path dir) throws Exception {
    String a = writeStage(dir.resolve("a"), 1);
    String b = writeStage(dir.resolve("b"), 7);
    assertEquals(charts(a).toString(), charts(b).toString().replace(dir.resolve("b").toString(),
        dir.resolve("a").toString()));
    ReportWriter.write(spark, a);
    JsonNode written = new ObjectMapper().readTree(Files.readString(dir.resolve("a/report/" + ScoreCharts.FILE)));
    assertEquals(new ObjectMapper().readTree(charts(a).toString()), written);
    String html = Files.readString(dir.resolve("a/report/index.html"));
    assertEquals(2, ReportBrowserTest.count(html, "<svg class=\"chart score-histogram\""));
    assertEquals(2, ReportBrowserTest.count(html, "<line class=\"cutoff\""));
    assertTrue(html.contains("&lt;b&gt;doc-39&lt;/b&gt;"), "snippets escaped");
    assertTrue(!html.contains("<b>doc-"), "no raw markup from the data");
  }

  private static List<String> ids(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(e -> out.add(e.path("id").asText()));
    return out;
  }
}

package kiln.filters.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.filters.PerplexityFilter;
import kiln.filters.lm.KneserNeyEstimator;
import kiln.filters.select.Ranked;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CCNet-style perplexity buckets on real text: a trigram model trained here by {@code kiln lm train}'s code
 * ({@link NgramCounts} + {@link KneserNeyEstimator}) on three English Gutenberg books scores paragraphs of two
 * other English books, Don Quijote (Spanish) and the Leipzig German and French sentences. Each language gets its
 * own cut-offs; the head/middle/tail shares come out as configured within 1 point, the buckets follow the
 * perplexity order, the tail is rejected with its reason, and the output is the same for 1 and 7 partitions.
 */
class PerplexityBucketsTest {
  static final double[] PERCENTILES = {33.3, 66.6};

  @TempDir
  static Path tmp;
  static SparkSession spark;
  static List<Document> docs = new ArrayList<>();
  static Path config;

  @BeforeAll
  static void setUp() throws Exception {
    spark = SparkSession.builder().master("local[2]").appName("PerplexityBucketsTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    List<Document> train = new ArrayList<>();
    for (String book : List.of("pg98", "pg76", "pg1661")) {
      for (String p : RealText.gutenbergParagraphs(book, 1)) {
        train.add(new Document(book + "-" + train.size(), "train", Document.Kind.BOOK, null, p, "en", Map.of()));
      }
    }
    List<Map<String, Long>> counts = NgramCounts.count(frame(train, 2), 3, "whitespace");
    try (Writer w = Files.newBufferedWriter(tmp.resolve("books.arpa"), StandardCharsets.UTF_8)) {
      new KneserNeyEstimator(counts).writeArpa(w);
    }
    for (String book : List.of("pg11", "pg345")) {
      add(RealText.gutenbergParagraphs(book, 8), book, "en");
    }
    add(RealText.gutenbergParagraphs("pg2000", StandardCharsets.ISO_8859_1, 8).subList(0, 1500), "pg2000", "es");
    add(RealText.leipzig("de"), "leipzig-de", "de");
    add(RealText.leipzig("fr"), "leipzig-fr", "fr");
    config = tmp.resolve("buckets.yaml");
    Files.writeString(config, "filters:\n  - perplexity: {model: books.arpa, buckets: [head, middle, tail], "
        + "bucket_percentiles: [33.3, 66.6], keep_buckets: [head, middle]}\n");
  }

  static void add(List<String> texts, String source, String lang) {
    for (int i = 0; i < texts.size(); i++) {
      docs.add(new Document(Document.idFor(source, Integer.toString(i)), source, Document.Kind.BOOK, null,
          texts.get(i), lang, Map.of()));
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static Dataset<Row> frame(List<Document> ds, int partitions) {
    List<Row> rows = new ArrayList<>();
    ds.forEach(d -> rows.add(DocumentSchema.toRow(d)));
    Path dir = tmp.resolve("docs-" + ds.size() + "-" + partitions);
    Dataset<Row> df = spark.createDataFrame(rows, DocumentSchema.DOCUMENT);
    // 1 partition in id order, or 7 hashed by text: a different split and a different row order
    df = partitions == 1 ? df.coalesce(1).sortWithinPartitions("id")
        : df.repartition(partitions, col("text")).sortWithinPartitions("text");
    df.write().mode("overwrite").parquet(dir.toString());
    return spark.read().parquet(dir.toString());
  }

  /** id to (reason, bucket). */
  static Map<String, List<String>> run(FilterStage st, Dataset<Row> in) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Row r : st.apply(in).collectAsList()) {
      Document d = DocumentSchema.toDocument(r);
      List<String> v = new ArrayList<>();
      v.add(r.getString(r.fieldIndex("reason")));
      v.add(d.meta().get(PerplexityFilter.BUCKET_META));
      assertEquals(null, out.put(d.id(), v), "each document once");
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void sharesPerLanguageAsConfiguredAndIndependentOfPartitioning() {
    FilterStage st = FilterStage.fromConfig(ConfigNode.load(config));
    Map<String, List<String>> one = run(st, frame(docs, 1));
    Map<String, Object> cutoffs = (Map<String, Object>) st.statsExtra().get("cutoffs");
    assertFalse(st.statsExtra().containsKey("score_cuts"), "buckets cut per language: no single line to chart");
    Map<String, List<String>> seven = run(FilterStage.fromConfig(ConfigNode.load(config)), frame(docs, 7));
    assertEquals(docs.size(), one.size(), "in = kept + rejected");
    assertEquals(one, seven, "same decisions and buckets for 1 and 7 partitions");

    // the filter's own perplexities, ranked here in Java, independently of the Spark pass
    PerplexityFilter f = (PerplexityFilter) st.chain().filters().get(0);
    Map<String, List<Object[]>> byLang = new TreeMap<>();
    for (Document d : docs) {
      Ranked k = f.rank(d);
      assertNotNull(k, "every paragraph and sentence has words");
      byLang.computeIfAbsent(k.group(), g -> new ArrayList<>()).add(new Object[] {k.key(), d.id()});
    }
    assertEquals(List.of("de", "en", "es", "fr"), new ArrayList<>(byLang.keySet()));
    Map<String, Object> perLang = (Map<String, Object>) cutoffs.get("perplexity");
    List<String> names = List.of("head", "middle", "tail");
    StringBuilder shares = new StringBuilder();
    for (Map.Entry<String, List<Object[]>> e : byLang.entrySet()) {
      List<Object[]> ranked = e.getValue();
      ranked.sort(Comparator.<Object[]>comparingDouble(x -> (double) x[0]).thenComparing(x -> (String) x[1]));
      int n = ranked.size();
      assertTrue(n >= 900, e.getKey() + ": " + n + " documents");
      long[] count = new long[3];
      int last = 0;
      for (Object[] x : ranked) {
        List<String> v = one.get((String) x[1]);
        int b = names.indexOf(v.get(1));
        assertTrue(b >= last, e.getKey() + ": buckets follow the perplexity order");
        last = b;
        count[b]++;
        assertEquals(b == 2 ? "perplexity:bucket_tail" : null, v.get(0), "tail rejected, head and middle kept");
      }
      double[] want = {PERCENTILES[0], PERCENTILES[1] - PERCENTILES[0], 100 - PERCENTILES[1]};
      for (int b = 0; b < 3; b++) {
        double share = 100.0 * count[b] / n;
        shares.append(String.format(java.util.Locale.ROOT, "%s %s %.2f%% ", e.getKey(), names.get(b), share));
        assertEquals(want[b], share, 1.0, e.getKey() + " " + names.get(b));
      }
      Map<String, Object> stat = (Map<String, Object>) perLang.get(e.getKey());
      assertEquals((long) n, ((Number) stat.get("docs_ranked")).longValue());
      assertEquals(count[0], ((Number) ((Map<String, Object>) stat.get("docs")).get("head")).longValue());
    }
    System.out.println("perplexity bucket shares (" + docs.size() + " docs): " + shares);
    // per-language cut-offs differ: the English model finds English easiest
    double enHead = ((Number) ((Map<String, Object>) ((Map<String, Object>) perLang.get("en"))
        .get("cutoff_perplexity")).get("head")).doubleValue();
    double deHead = ((Number) ((Map<String, Object>) ((Map<String, Object>) perLang.get("de"))
        .get("cutoff_perplexity")).get("head")).doubleValue();
    assertTrue(enHead < deHead, "en head cut-off " + enHead + " below de " + deHead);
  }
}

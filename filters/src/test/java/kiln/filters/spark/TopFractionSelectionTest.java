package kiln.filters.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.filters.FilterChain;
import kiln.filters.QualityClassifierFilter;
import kiln.filters.model.FastTextTrainer;
import kiln.filters.model.ParityCorpusAccess;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * quality_classifier's dataset-level rules on real text: a fastText model trained here (Kiln's trainer;
 * Gutenberg lines as {@code __label__hq}, the nlp-corpus sentences as {@code __label__cc}) scores 2,000 held-out
 * lines behind a length filter. {@code keep_top_fraction: 0.1} keeps exactly the ceil(0.1 n) best of the n
 * documents that pass the length filter (ranked here in Java by score, then id), the same ones for 1 and 7
 * partitions; {@code pareto_alpha: 9} keeps about the expected number and is partitioning-independent too.
 */
class TopFractionSelectionTest {
  @TempDir
  static Path tmp;
  static SparkSession spark;
  static final List<Document> docs = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    spark = SparkSession.builder().master("local[2]").appName("TopFractionSelectionTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    List<String> books = ParityCorpusAccess.books();
    List<String> misc = ParityCorpusAccess.misc();
    List<String> lines = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      lines.add(books.get(2 * i));
      labels.add(0);
      lines.add(misc.get(2 * i));
      labels.add(1);
    }
    Map<String, Long> vocab = new HashMap<>();
    for (String l : lines) {
      for (String t : FastTextTrainer.tokens(l)) {
        vocab.merge(t, 1L, Long::sum);
      }
    }
    FastTextTrainer.train(lines, labels.stream().mapToInt(Integer::intValue).toArray(),
        List.of("__label__hq", "__label__cc"), vocab, new FastTextTrainer.Options(16, 5, 0.5, 2, 100_000, 1, 1),
        tmp.resolve("hq.bin"));
    for (int i = 0; i < 1000; i++) {
      docs.add(new Document(Document.idFor("books", "" + i), "books", Document.Kind.BOOK, null,
          books.get(2 * i + 1), null, Map.of()));
      docs.add(new Document(Document.idFor("misc", "" + i), "misc", Document.Kind.WEB, null,
          misc.get(2 * i + 1), null, Map.of()));
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static Path config(String name, String rule) throws Exception {
    Path p = tmp.resolve(name + ".yaml");
    Files.writeString(p, "filters:\n  - length: {min_chars: 40}\n  - quality_classifier: {model: hq.bin, " + rule
        + "}\n");
    return p;
  }

  static Dataset<Row> frame(int partitions) {
    List<Row> rows = new ArrayList<>();
    docs.forEach(d -> rows.add(DocumentSchema.toRow(d)));
    Path dir = tmp.resolve("docs-" + partitions);
    Dataset<Row> df = spark.createDataFrame(rows, DocumentSchema.DOCUMENT);
    df = partitions == 1 ? df.coalesce(1).sortWithinPartitions("id")
        : df.repartition(partitions, col("text")).sortWithinPartitions("text");
    df.write().mode("overwrite").parquet(dir.toString());
    return spark.read().parquet(dir.toString());
  }

  /** id to reason ("" when kept). */
  static Map<String, String> run(FilterStage st, Dataset<Row> in) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : st.apply(in).collectAsList()) {
      String reason = r.getString(r.fieldIndex("reason"));
      assertEquals(null, out.put(r.getString(r.fieldIndex("id")), reason == null ? "" : reason), "each doc once");
    }
    return out;
  }

  /** The documents that pass the length filter, with their scores. */
  static List<Object[]> reaching(FilterChain chain) {
    QualityClassifierFilter q = (QualityClassifierFilter) chain.filters().get(1);
    List<Object[]> out = new ArrayList<>();
    for (Document d : docs) {
      if (chain.prefix(1).apply(d).reason() == null) {
        out.add(new Object[] {q.score(d.text()), d.id(), d.source()});
      }
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void keepTopFractionKeepsTheBestScoresWhateverThePartitioning() throws Exception {
    Path cfg = config("top", "keep_top_fraction: 0.1");
    FilterStage st = FilterStage.fromConfig(ConfigNode.load(cfg));
    Map<String, String> one = run(st, frame(1));
    Map<String, Object> cut = (Map<String, Object>) ((Map<String, Object>) st.statsExtra().get("cutoffs"))
        .get("quality_classifier");
    List<Map<String, Object>> scoreCuts = (List<Map<String, Object>>) st.statsExtra().get("score_cuts");
    Map<String, String> seven = run(FilterStage.fromConfig(ConfigNode.load(cfg)), frame(7));
    assertEquals(docs.size(), one.size(), "in = kept + rejected");
    assertEquals(one, seven, "same decisions for 1 and 7 partitions");

    List<Object[]> reach = reaching(st.chain());
    int n = reach.size();
    assertTrue(n > 1000 && n < docs.size(), "the length filter takes some: " + n);
    long k = (long) Math.ceil(0.1 * n - 1e-9);
    reach.sort(Comparator.<Object[]>comparingDouble(x -> -(double) x[0]).thenComparing(x -> (String) x[1]));
    Map<String, Long> reasons = new TreeMap<>();
    one.values().forEach(r -> reasons.merge(r, 1L, Long::sum));
    assertEquals(Map.of("", k, "length:min_chars", (long) docs.size() - n,
        "quality_classifier:keep_top_fraction", n - k), reasons);
    int books = 0;
    for (int i = 0; i < n; i++) {
      String reason = one.get((String) reach.get(i)[1]);
      assertEquals(i < k ? "" : "quality_classifier:keep_top_fraction", reason, "rank " + i);
      if (i < k && reach.get(i)[2].equals("books")) {
        books++;
      }
    }
    assertEquals(0.1, (double) k / n, 1.0 / n, "kept share of the documents reaching the filter");
    assertTrue(books > 0.8 * k, "the classifier's top 10% is mostly books: " + books + " of " + k);
    assertEquals((long) n, ((Number) cut.get("docs_ranked")).longValue());
    assertEquals(k, ((Number) cut.get("docs_kept")).longValue());
    assertEquals((double) reach.get((int) k - 1)[0], ((Number) cut.get("min_kept_score")).doubleValue());
    // the report's chart line: just under the lowest kept score, labelled by the rule's key
    assertEquals(1, scoreCuts.size(), scoreCuts.toString());
    assertEquals("keep_top_fraction", scoreCuts.get(0).get("cutoff_key"));
    assertEquals(Math.nextDown((double) reach.get((int) k - 1)[0]), (double) scoreCuts.get(0).get("cutoff"));
    System.out.println("keep_top_fraction 0.1: " + k + " of " + n + " kept, min kept score "
        + cut.get("min_kept_score") + ", books among kept " + books);
  }

  @Test
  void paretoKeepsTheExpectedShareWhateverThePartitioning() throws Exception {
    Path cfg = config("pareto", "pareto_alpha: 9");
    FilterStage st = FilterStage.fromConfig(ConfigNode.load(cfg));
    Map<String, String> one = run(st, frame(1));
    assertFalse(st.statsExtra().containsKey("score_cuts"), "Pareto sampling has no cut-off to chart");
    Map<String, String> seven = run(FilterStage.fromConfig(ConfigNode.load(cfg)), frame(7));
    assertEquals(one, seven, "seeded by id: same decisions for 1 and 7 partitions");
    double expected = 0;
    double var = 0;
    for (Object[] x : reaching(FilterStage.buildChain(ConfigNode.load(cfg)))) {
      double p = Math.pow(2 - (double) x[0], -9); // P(Lomax(9) > 1 - s)
      expected += p;
      var += p * (1 - p);
    }
    long kept = one.values().stream().filter(String::isEmpty).count();
    assertEquals(expected, kept, 5 * Math.sqrt(var), "kept " + kept + ", expected " + expected);
    assertTrue(one.containsValue("quality_classifier:pareto"));
  }

  @Test
  void badSelectionConfigFailsNamingKeyAndFile() throws Exception {
    String[][] cases = {
        {"threshold: 0.5, keep_top_fraction: 0.1", "threshold"},
        {"threshold: 0.5, pareto_alpha: 9", "threshold"},
        {"keep_top_fraction: 0.1, pareto_alpha: 9", "keep_top_fraction"},
        {"keep_top_fraction: 0", "keep_top_fraction"},
        {"keep_top_fraction: 1.5", "keep_top_fraction"},
        {"keep_top_fraction: -0.1", "keep_top_fraction"},
        {"pareto_alpha: 0", "pareto_alpha"},
        {"pareto_alpha: -2", "pareto_alpha"},
        {"keep_top_fraction: 0.1, seed: 3", "seed"},
    };
    for (String[] c : cases) {
      Path cfg = config("bad", c[0]);
      ConfigException e = assertThrows(ConfigException.class, () -> FilterStage.fromConfig(ConfigNode.load(cfg)),
          c[0]);
      assertTrue(e.getMessage().contains("quality_classifier." + c[1]) && e.getMessage().contains("bad.yaml"),
          c[0] + " -> " + e.getMessage());
    }
    FilterChain chain = FilterStage.buildChain(ConfigNode.load(config("all", "keep_top_fraction: 1")));
    assertThrows(IllegalStateException.class, () -> chain.apply(docs.get(0)),
        "outside the stage there are no cut-offs: a clear error, not a guess");
  }
}

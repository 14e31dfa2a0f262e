package kiln.filters.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kiln.core.Document;
import kiln.core.spark.DocumentSchema;
import kiln.filters.lm.ArpaModel;
import kiln.filters.lm.KneserNeyEstimator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a trigram model in Spark from a Parquet documents dataset and checks every probability p(w | h), for
 * every seen context h (all orders, the empty one included) and every vocabulary word w, read back from the
 * ARPA file with KenLM's backoff rule, against Chen &amp; Goodman's interpolated modified Kneser-Ney formulae
 * computed here from the sentences by brute force; and that each context's distribution sums to 1.
 */
class KneserNeyTrainingTest {
  static final int N = 3;
  /** A hand-made corpus; upper case and blank lines exercise the normalisation the filter also applies. */
  static final List<String> SENTENCES = List.of(
      "The cat sat on the mat", "the dog sat on the log", "the cat ate the fish", "a dog ate a bone",
      "the cat sat", "the dog sat", "the cat sat on the mat", "a cat sat on a mat", "the bird sat on the cat",
      "the dog ate", "the cat ate", "the cat sat on the dog", "the fish sat", "a bird ate a fish", "the the cat",
      "the cat sat on the mat", "the cat sat on the mat", "a dog sat on the mat", "my dog sat on the log",
      "MY cat ate the fish", "the bird ate the fish", "a cat ate a fish", "the dog sat on a log",
      "the dog ate the bone", "the cat sat on the mat", "my bird sat");

  @TempDir
  static Path tmp;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("KneserNeyTrainingTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static Dataset<Row> docs(int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < SENTENCES.size(); i += 4) {
      String text = String.join("\n\n", SENTENCES.subList(i, Math.min(i + 4, SENTENCES.size())));
      rows.add(DocumentSchema.toRow(new Document("d" + i, "test", Document.Kind.WEB, null, text, null, Map.of())));
    }
    Path dir = tmp.resolve("docs" + partitions);
    spark.createDataFrame(rows, DocumentSchema.DOCUMENT).repartition(partitions).write().mode("overwrite").parquet(dir.toString());
    return spark.read().parquet(dir.toString());
  }

  static String arpa(Dataset<Row> docs) throws Exception {
    StringWriter w = new StringWriter();
    new KneserNeyEstimator(NgramCounts.count(docs, N, "whitespace")).writeArpa(w);
    return w.toString();
  }

  // ---- the reference: Chen & Goodman computed from the padded sentences, independently of the estimator ----

  static final List<List<String>> PADDED = new ArrayList<>();
  /** adj.get(n-1): adjusted count of each n-gram. */
  static final List<Map<List<String>, Long>> ADJ = new ArrayList<>();
  static final double[][] D = new double[N + 1][];
  static final Set<String> VOCAB = new TreeSet<>();

  static {
    for (String s : SENTENCES) {
      List<String> p = new ArrayList<>();
      p.add("<s>");
      p.addAll(Arrays.asList(s.toLowerCase(java.util.Locale.ROOT).split(" ")));
      p.add("</s>");
      PADDED.add(p);
      VOCAB.addAll(p);
    }
    VOCAB.remove("<s>");
    VOCAB.add("<unk>");
    for (int n = 1; n <= N; n++) {
      Map<List<String>, Long> raw = new HashMap<>();
      Map<List<String>, Set<String>> left = new HashMap<>();
      for (List<String> p : PADDED) {
        for (int i = 0; i + n <= p.size(); i++) {
          List<String> g = p.subList(i, i + n);
          raw.merge(g, 1L, Long::sum);
          Set<String> l = left.computeIfAbsent(g, k -> new HashSet<>());
          if (i > 0) {
            l.add(p.get(i - 1));
          }
        }
      }
      Map<List<String>, Long> adj = new HashMap<>();
      for (List<String> g : raw.keySet()) {
        // highest order and <s>-initial n-grams: raw counts; others: number of distinct left neighbours
        adj.put(g, n == N || g.get(0).equals("<s>") ? raw.get(g) : left.get(g).size());
      }
      adj.remove(List.of("<s>"));
      ADJ.add(adj);
      long[] nk = new long[5];
      adj.values().forEach(c -> {
        if (c <= 4) {
          nk[(int) (long) c]++;
        }
      });
      double y = nk[1] / (nk[1] + 2.0 * nk[2]);
      D[n] = new double[] {0, 1 - 2 * y * nk[2] / nk[1], 2 - 3 * y * nk[3] / nk[2], 3 - 4 * y * nk[4] / nk[3]};
    }
  }

  static double discount(int n, long c) {
    return D[n][(int) Math.min(c, 3)];
  }

  /** Interpolated modified Kneser-Ney p(w | h), |h| ≤ N-1; an unseen context passes to the shorter one. */
  static double pKn(List<String> h, String w) {
    int n = h.size() + 1;
    long den = 0;
    double gammaNum = 0;
    for (Map.Entry<List<String>, Long> e : ADJ.get(n - 1).entrySet()) {
      if (e.getKey().subList(0, n - 1).equals(h)) {
        den += e.getValue();
        gammaNum += discount(n, e.getValue());
      }
    }
    double lower = n == 1 ? 1.0 / VOCAB.size() : pKn(h.subList(1, h.size()), w);
    if (den == 0) {
      return lower;
    }
    List<String> hw = new ArrayList<>(h);
    hw.add(w);
    long c = ADJ.get(n - 1).getOrDefault(hw, 0L);
    return (c - discount(n, c)) / den + gammaNum / den * lower;
  }

  @Test
  void unigramDiscountsByHand() {
    // unigram adjusted count-of-counts (continuation counts; <s> left out): n1..n4 = 2, 4, 5, 2
    // Y = 2 / (2 + 2*4) = 0.2; D1 = 1 - 2*0.2*4/2 = 0.2; D2 = 2 - 3*0.2*5/4 = 1.25; D3+ = 3 - 4*0.2*2/5 = 2.68
    assertEquals(0.2, D[1][1], 1e-12);
    assertEquals(1.25, D[1][2], 1e-12);
    assertEquals(2.68, D[1][3], 1e-12);
  }

  @Test
  void probabilitiesEqualChenGoodmanAndSumToOne() throws Exception {
    String text = arpa(docs(3));
    ArpaModel m = ArpaModel.read(new java.io.StringReader(text), "trained.arpa");
    KneserNeyEstimator kn = new KneserNeyEstimator(NgramCounts.count(docs(2), N, "whitespace"));
    for (int n = 1; n <= N; n++) {
      assertEquals(D[n][1], kn.discounts(n).d1(), 1e-12);
      assertEquals(D[n][2], kn.discounts(n).d2(), 1e-12);
      assertEquals(D[n][3], kn.discounts(n).d3plus(), 1e-12);
    }
    // every seen context of length 0..N-1
    Set<List<String>> contexts = new HashSet<>();
    contexts.add(List.of());
    for (int n = 1; n < N; n++) {
      for (List<String> g : ADJ.get(n - 1).keySet()) {
        contexts.add(g);
      }
    }
    contexts.add(List.of("<s>"));
    int checked = 0;
    for (List<String> h : contexts) {
      if (h.contains("</s>")) {
        continue;
      }
      int[] ids = new int[h.size() + 1];
      for (int i = 0; i < h.size(); i++) {
        ids[i] = m.id(h.get(i));
      }
      double sum = 0;
      for (String w : VOCAB) {
        ids[h.size()] = m.id(w);
        double got = m.log10(ids, 0, h.size());
        double want = Math.log10(pKn(h, w));
        assertEquals(want, got, 1e-9, "log10 p(" + w + " | " + h + ")");
        sum += Math.pow(10, got);
        checked++;
      }
      assertEquals(1.0, sum, 1e-6, "sum over the vocabulary given " + h);
    }
    assertTrue(checked > 500, "checked " + checked);
    assertEquals(m.vocabularySize(), VOCAB.size() + 1); // + <s>
  }

  @Test
  void sameModelForAnyPartitioning() throws Exception {
    assertEquals(arpa(docs(1)), arpa(docs(5)));
  }

  @Test
  void tooSmallCorpusFailsNamingTheOrder() {
    List<Map<String, Long>> counts = NgramCounts.count(docs(1).limit(1), N, "whitespace");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KneserNeyEstimator(counts));
    assertTrue(e.getMessage().contains("order"), e.getMessage());
  }
}

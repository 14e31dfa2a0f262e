package kiln.dedup.spark;

import static kiln.dedup.spark.SparkTestSession.doc;
import static kiln.dedup.spark.SparkTestSession.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Near-duplicate clusters planted in seeded random text: 12 base documents of 400 words from a 3000-word
 * vocabulary, each with 2 variants that substitute 1% of the words (4 words -> at most 4 x 5 = 20 of 396
 * 5-gram shingles differ, Jaccard >= 376/416 = 0.90, P(detect at 14x8) = 1 - (1 - 0.9^8)^14 > 0.9999), plus
 * 20 unrelated documents (random text: Jaccard ~ 0 with everything).
 */
class MinHashStageTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.start("MinHashStageTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<Document> corpus() {
    SplittableRandom r = new SplittableRandom(2024);
    List<Document> docs = new ArrayList<>();
    for (int c = 0; c < 12; c++) {
      String[] words = new String[400];
      for (int i = 0; i < words.length; i++) {
        words[i] = word(r.nextInt(3000));
      }
      docs.add(doc(String.format("c%02d-0", c), String.join(" ", words)));
      for (int v = 1; v <= 2; v++) {
        String[] w = words.clone();
        for (int k = 0; k < 4; k++) {
          w[r.nextInt(w.length)] = "x" + word(r.nextInt(1_000_000));
        }
        docs.add(doc(String.format("c%02d-%d", c, v), String.join(" ", w)));
      }
    }
    for (int u = 0; u < 20; u++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 400; i++) {
        sb.append(word(r.nextInt(3000))).append(' ');
      }
      docs.add(doc(String.format("u%02d", u), sb.toString()));
    }
    return docs;
  }

  /** A letters-only word for {@code n} (digits would all normalise to 0). */
  static String word(int n) {
    StringBuilder sb = new StringBuilder("w");
    do {
      sb.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return sb.toString();
  }

  private static Map<String, Row> run(String yaml, List<Document> docs, int partitions) {
    Map<String, Row> out = new TreeMap<>();
    DedupStage stage = DedupStage.fromConfig(ConfigNode.parse(yaml, "test.yaml"));
    for (Row r : stage.apply(frame(spark, docs, partitions)).collectAsList()) {
      out.put(r.getString(r.fieldIndex("id")), r);
    }
    assertEquals(docs.size(), out.size());
    return out;
  }

  @Test
  void plantedClustersFoundAndDeterministicAcrossPartitionings() {
    List<Document> docs = corpus();
    String yaml = "minhash: {enabled: true, verify: true}";
    String first = null;
    for (int partitions : new int[] {2, 8, 32}) {
      Map<String, Row> out = run(yaml, docs, partitions);
      for (int c = 0; c < 12; c++) {
        String root = String.format("c%02d-0", c);
        assertNull(out.get(root).getString(out.get(root).fieldIndex("reason")), root);
        assertEquals("3", DocumentSchema.toDocument(out.get(root)).meta().get("cluster_size"), root);
        for (int v = 1; v <= 2; v++) {
          Row dup = out.get(String.format("c%02d-%d", c, v));
          assertEquals("dedup:minhash", dup.getString(dup.fieldIndex("reason")));
          assertEquals(root, DocumentSchema.toDocument(dup).meta().get("cluster_id"));
        }
      }
      for (int u = 0; u < 20; u++) {
        Row k = out.get(String.format("u%02d", u));
        assertNull(k.getString(k.fieldIndex("reason")));
        assertEquals("1", DocumentSchema.toDocument(k).meta().get("cluster_size"));
      }
      // Byte-identical kept set: every kept row, in id order, rendered with its meta.
      StringBuilder kept = new StringBuilder();
      for (Row r : out.values()) {
        if (r.isNullAt(r.fieldIndex("reason"))) {
          kept.append(DocumentSchema.toDocument(r)).append('\n');
        }
      }
      if (first == null) {
        first = kept.toString();
      } else {
        assertEquals(first, kept.toString(), "kept set with " + partitions + " partitions");
      }
    }
  }

  @Test
  void exactThenMinhashChainsToFinalSurvivor() {
    List<Document> docs = new ArrayList<>(corpus().subList(0, 3));
    // c00-0's exact copy with an id that sorts first among exact copies but after c00-0 overall is dropped by
    // exact; c00-1 and c00-2 by minhash; all point to c00-0, whose cluster counts all 4.
    docs.add(doc("c00-9", docs.get(0).text().toUpperCase()));
    Map<String, Row> out = run("minhash: true", docs, 2);
    Row e = out.get("c00-9");
    assertEquals("dedup:exact", e.getString(e.fieldIndex("reason")));
    assertEquals("c00-0", DocumentSchema.toDocument(e).meta().get("cluster_id"));
    assertEquals("4", DocumentSchema.toDocument(out.get("c00-0")).meta().get("cluster_size"));
  }

  @Test
  void boilerplateBucketBecomesOneStar() {
    // 1000 documents that differ only in a 4-digit number, equal after normalisation (digits -> 0); exact
    // dedup off, so MinHash sees one LSH bucket per band with 1000 members: 999 star edges, one cluster.
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      docs.add(doc(String.format("b%05d", i), "Cookie policy. We use cookies to improve your experience on page " + (1000 + i)
          + ". Accept all cookies or manage your preferences in the settings."));
    }
    Map<String, Row> out = run("exact: false\nminhash: true", docs, 4);
    long dropped = out.values().stream().filter(r -> "dedup:minhash".equals(r.getString(r.fieldIndex("reason"))))
        .count();
    assertEquals(999, dropped);
    assertEquals("1000", DocumentSchema.toDocument(out.get("b00000")).meta().get("cluster_size"));
  }
}

package kiln.dedup.spark;

import static kiln.dedup.spark.SparkTestSession.doc;
import static kiln.dedup.spark.SparkTestSession.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DedupStageTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.start("DedupStageTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** id -> (reason, meta) of the stage output. */
  private static Map<String, Row> run(DedupStage stage, List<Document> docs, int partitions) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : stage.apply(frame(spark, docs, partitions)).collectAsList()) {
      out.put(r.getString(r.fieldIndex("id")), r);
    }
    assertEquals(docs.size(), out.size(), "every input row comes back exactly once");
    return out;
  }

  private static String reason(Row r) {
    return r.getString(r.fieldIndex("reason"));
  }

  private static Map<String, String> meta(Row r) {
    return DocumentSchema.toDocument(r).meta();
  }

  private static DedupStage stage(String yaml) {
    return DedupStage.fromConfig(ConfigNode.parse(yaml, "test.yaml"));
  }

  @Test
  void exactDuplicatesAfterNormalisationKeepSmallestId() {
    // "Hello, World! 2024" and "hello   world 1999" both normalise to "hello world 0000".
    List<Document> docs = List.of(
        doc("b", "Hello, World! 2024"),
        doc("a", "hello   world 1999"),
        doc("c", "Héllo world 7777 again"),
        doc("d", "something else entirely"));
    Map<String, Row> out = run(stage("exact: true"), docs, 2);
    assertNull(reason(out.get("a")));
    assertEquals(Map.of("cluster_id", "a", "cluster_size", "2"), meta(out.get("a")));
    assertEquals("dedup:exact", reason(out.get("b")));
    assertEquals(Map.of("cluster_id", "a"), meta(out.get("b")));
    assertNull(reason(out.get("c")));
    assertEquals(Map.of("cluster_id", "c", "cluster_size", "1"), meta(out.get("c")));
    assertNull(reason(out.get("d")));
  }

  @Test
  void exactOffKeepsEverything() {
    List<Document> docs = List.of(doc("a", "same"), doc("b", "same"));
    Map<String, Row> out = run(stage("exact: false"), docs, 1);
    assertNull(reason(out.get("a")));
    assertNull(reason(out.get("b")));
  }

  @Test
  void longestSurvivorUsesUtf8Bytes() {
    // Same normalised text "cafe ole"; "b" has 2 accented letters = 2 extra UTF-8 bytes, "c" adds "!!!".
    List<Document> docs = List.of(doc("a", "cafe ole"), doc("b", "café olé"), doc("c", "cafe ole!!!"));
    Map<String, Row> out = run(stage("survivor: longest"), docs, 2);
    // bytes: a = 8, b = 10, c = 11 -> c survives
    assertNull(reason(out.get("c")));
    assertEquals("3", meta(out.get("c")).get("cluster_size"));
    assertEquals("c", meta(out.get("a")).get("cluster_id"));
    assertEquals("dedup:exact", reason(out.get("b")));
  }

  @Test
  void qualityScoreSurvivorRanksMissingLast() {
    List<Document> docs = List.of(
        doc("a", "the text").withMeta("quality_score", "0.2"),
        doc("b", "The text.").withMeta("quality_score", "0.9"),
        doc("c", "the TEXT").withMeta("quality_score", "not a number"),
        doc("d", "the text!"));
    Map<String, Row> out = run(stage("survivor: quality_score"), docs, 2);
    assertNull(reason(out.get("b")));
    assertEquals("4", meta(out.get("b")).get("cluster_size"));
    for (String id : List.of("a", "c", "d")) {
      assertEquals("dedup:exact", reason(out.get(id)));
      assertEquals("b", meta(out.get(id)).get("cluster_id"));
    }
  }

  @Test
  void urlDedupKeepsNewestCapture() {
    List<Document> docs = List.of(
        new Document("a", "t", Document.Kind.WEB, "http://x/1", "old page", null, Map.of("warc_date", "2020-01-01T00:00:00Z")),
        new Document("b", "t", Document.Kind.WEB, "http://x/1", "new page", null, Map.of("warc_date", "2024-05-01T00:00:00Z")),
        new Document("c", "t", Document.Kind.WEB, "http://x/2", "other page", null, null),
        new Document("d", "t", Document.Kind.WEB, "http://x/3", "new page", null, null));
    Map<String, Row> out = run(stage("url: true"), docs, 2);
    // exact first: d duplicates b ("new page"), b < d survives; then url: b newer than a.
    assertEquals("dedup:exact", reason(out.get("d")));
    assertEquals("b", meta(out.get("d")).get("cluster_id"));
    assertEquals("dedup:url", reason(out.get("a")));
    assertEquals("b", meta(out.get("a")).get("cluster_id"));
    assertNull(reason(out.get("b")));
    assertEquals("3", meta(out.get("b")).get("cluster_size"));
    assertNull(reason(out.get("c")));
  }

  @Test
  void existingMetaIsKeptAndClusterKeysOverwritten() {
    List<Document> docs = List.of(doc("a", "x y").withMeta("lang_score", "0.9").withMeta("cluster_id", "stale"));
    Map<String, Row> out = run(stage("{}"), docs, 1);
    assertEquals(Map.of("lang_score", "0.9", "cluster_id", "a", "cluster_size", "1"), meta(out.get("a")));
  }

  @Test
  void lineDedupKeepsFrequentLineOnlyInSmallestId() {
    List<Document> docs = List.of(
        doc("a", "Alpha story begins\nShare on Facebook\nalpha ends"),
        doc("b", "Beta story begins\nSHARE ON FACEBOOK!\nbeta ends"),
        doc("c", "Gamma story\nShare on Facebook"),
        doc("d", "Share on Facebook."),
        doc("e", "Delta story\nBeta story begins"));
    Map<String, Row> out = run(stage("lines: {min_count: 3}"), docs, 2);
    // "share on facebook" is in 4 documents (>= 3): kept in a, removed from b, c, d. "beta story begins" is in
    // 2 documents (< 3): kept everywhere.
    assertEquals("Alpha story begins\nShare on Facebook\nalpha ends", DocumentSchema.toDocument(out.get("a")).text());
    assertEquals("Beta story begins\nbeta ends", DocumentSchema.toDocument(out.get("b")).text());
    assertEquals("1", meta(out.get("b")).get("lines_removed"));
    assertEquals("Gamma story", DocumentSchema.toDocument(out.get("c")).text());
    assertEquals("dedup:lines", reason(out.get("d")));
    assertNull(reason(out.get("e")));
    assertEquals(null, meta(out.get("e")).get("lines_removed"));
  }

  private static final List<Document> SPAN_DOCS = List.of(
      doc("a", "Alpha one. Shared first. Shared second. Shared third. Alpha end."),
      doc("b", "Beta one. Shared first! shared SECOND. Shared third. Beta end."),
      doc("c", "Shared first. Shared second. Shared third."),
      doc("d", "Delta. Shared second. Shared third. Shared fourth."),
      doc("e", "X one. X two. X three. X one. X two. X three."));

  @Test
  void sentenceSpansKeepFirstOccurrenceBySmallestIdThenPosition() {
    Map<String, Row> out = run(stage("sentence_spans: {min_doc_words: 0, min_num_sentences: 0}"), SPAN_DOCS, 2);
    // The span (shared first, shared second, shared third) starts at a@1, b@1 and c@0: a keeps it.
    assertNull(reason(out.get("a")));
    assertEquals(SPAN_DOCS.get(0).text(), DocumentSchema.toDocument(out.get("a")).text());
    assertEquals(null, meta(out.get("a")).get("sentences_removed"));
    // b loses sentences 1..3: "Beta one. " + "Beta end."
    assertNull(reason(out.get("b")));
    assertEquals("Beta one. Beta end.", DocumentSchema.toDocument(out.get("b")).text());
    assertEquals("3", meta(out.get("b")).get("sentences_removed"));
    // c is nothing but that span: empty, rejected.
    assertEquals("dedup:sentence_spans", reason(out.get("c")));
    assertEquals("3", meta(out.get("c")).get("sentences_removed"));
    // d shares (shared second, shared third) but no whole 3-sentence span.
    assertNull(reason(out.get("d")));
    assertEquals(SPAN_DOCS.get(3).text(), DocumentSchema.toDocument(out.get("d")).text());
    // e repeats its own span at 0 and 3: the later one goes (sentences 3, 4, 5).
    assertEquals("X one. X two. X three.", DocumentSchema.toDocument(out.get("e")).text());
    assertEquals("3", meta(out.get("e")).get("sentences_removed"));
  }

  @Test
  void sentenceSpansRejectDocumentsLeftTooShortButNeverUntouchedOnes() {
    Map<String, Row> out = run(stage("sentence_spans: {min_doc_words: 4, min_num_sentences: 3}"), SPAN_DOCS, 3);
    // b is left with 4 words ("beta one beta end") >= 4 but 2 sentences < 3: rejected. e is left with 3
    // sentences and 6 words ("x one x two x three"): kept. a and d lost nothing, so they are never rejected here.
    assertEquals("dedup:sentence_spans", reason(out.get("b")));
    assertEquals("3", meta(out.get("b")).get("sentences_removed"));
    assertEquals("dedup:sentence_spans", reason(out.get("c")));
    assertNull(reason(out.get("e")));
    assertNull(reason(out.get("a")));
    assertNull(reason(out.get("d")));
    Map<String, Row> tiny = run(stage("sentence_spans: {}"), List.of(doc("z", "Tiny.")), 1);
    assertNull(reason(tiny.get("z")), "50 words is only a minimum for documents that lost sentences");
  }

  @Test
  void sentenceSpansRunOnTheTextLineDedupLeft() {
    List<Document> docs = List.of(
        doc("a", "Menu. Home. About.\nReal text one. Real text two. Real text three."),
        doc("b", "Menu. Home. About.\nOther one. Other two. Other three."),
        doc("c", "Menu. Home. About.\nThird one. Third two. Third three."));
    Map<String, Row> out = run(stage("lines: {min_count: 3}\nsentence_spans: {min_doc_words: 0, min_num_sentences: 0}"),
        docs, 2);
    // Line dedup removes the menu line from b and c first; then no span repeats.
    assertEquals("Other one. Other two. Other three.", DocumentSchema.toDocument(out.get("b")).text());
    assertEquals("1", meta(out.get("b")).get("lines_removed"));
    assertEquals(null, meta(out.get("b")).get("sentences_removed"));
    assertEquals(docs.get(0).text(), DocumentSchema.toDocument(out.get("a")).text());
  }

  @Test
  void configErrorsNameTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> stage("exakt: true"));
    assertTrue(e.getMessage().contains("exakt"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> stage("survivor: biggest"));
    assertTrue(e.getMessage().contains("survivor"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> stage("minhash: {bands: 0}"));
    assertTrue(e.getMessage().contains("minhash.bands"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> stage("minhash: {rowz: 3}"));
    assertTrue(e.getMessage().contains("minhash.rowz"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> stage("minhash: {threshold: 1.5}"));
    assertTrue(e.getMessage().contains("minhash.threshold"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> stage("url: {enabled: true, date: x}"));
    assertTrue(e.getMessage().contains("url.date"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> stage("lines: {min_count: 1}"));
    assertTrue(e.getMessage().contains("lines.min_count"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> stage("sentence_spans: {n_sentences: 0}"));
    assertTrue(e.getMessage().contains("sentence_spans.n_sentences"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> stage("exact: yes please"));
    assertTrue(e.getMessage().contains("exact"), e.getMessage());
  }

  @Test
  void defaultsAreFineWeb() {
    DedupStage s = stage("{}");
    assertTrue(s.config().exact());
    assertEquals(5, s.config().minhash().ngrams());
    assertEquals(14, s.config().minhash().bands());
    assertEquals(8, s.config().minhash().rows());
    assertEquals("smallest_id", s.config().survivor().key());
  }

  @Test
  void outputSchemaRejectsInputWithoutText() {
    assertThrows(IllegalArgumentException.class,
        () -> stage("{}").outputSchema(new org.apache.spark.sql.types.StructType().add("id", "string")));
  }

  static List<Document> numbered(int n, String prefix) {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(doc(String.format("%s%04d", prefix, i), "text " + (i % 7)));
    }
    return out;
  }
}

package kiln.dedup.spark;

import static kiln.dedup.spark.SparkTestSession.doc;
import static kiln.dedup.spark.SparkTestSession.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.dedup.DedupConfig;
import kiln.dedup.exact.ExactHash;
import kiln.dedup.index.IndexMetadata;
import kiln.dedup.minhash.MinHashConfig;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental dedup against a persisted index: DedupStage with {@code index}, and SignatureIndex's folder. */
class SignatureIndexTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.start("SignatureIndexTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** n pseudo-words of 3 to 8 letters (no digits: the normaliser maps every digit to 0). */
  private static String words(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      int len = 3 + r.nextInt(6);
      for (int j = 0; j < len; j++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
    }
    return sb.toString();
  }

  /** The text with its last word replaced: of 56 word 5-grams one changes, Jaccard 55/57 = 0.965. */
  private static String lastWord(String text, String word) {
    return text.substring(0, text.lastIndexOf(' ') + 1) + word;
  }

  private static final String T1 = words(1, 60);
  private static final String T2 = words(2, 60);
  private static final String T3 = words(3, 60);
  private static final String T4 = words(4, 60);
  private static final String T6 = words(6, 60);
  private static final String T7 = words(7, 60);

  private static final List<Document> RUN1 = List.of(
      doc("a1", T1), doc("a2", T2), doc("a3", T1), doc("a4", T3));

  private static final List<Document> RUN2 = List.of(
      doc("b1", T1.toUpperCase(java.util.Locale.ROOT) + "!!!"), // exact duplicate of indexed a1
      doc("b2", lastWord(T2, "qqqa")),                          // near duplicate of indexed a2
      doc("b3", T4),
      doc("b4", T4),                                            // exact duplicate of b3, inside the run
      doc("b5", lastWord(T2, "qqqb")),                          // near duplicate of a2 (and b2)
      doc("b6", T6),
      doc("a4", T7));                                           // same id as an indexed document, new text

  private static String yaml(Path index, boolean update) {
    return "minhash: {enabled: true, verify: true, threshold: 0.7}\nindex: {path: '" + index + "', update: "
        + update + "}";
  }

  private static Map<String, Row> run(String yaml, List<Document> docs, int partitions) {
    DedupStage stage = DedupStage.fromConfig(ConfigNode.parse(yaml, "test.yaml"));
    Map<String, Row> out = new TreeMap<>();
    for (Row r : stage.apply(frame(spark, docs, partitions)).collectAsList()) {
      out.put(r.getString(r.fieldIndex("id")), r);
    }
    assertEquals(docs.size(), out.size(), "every input row comes back exactly once");
    return out;
  }

  /** id -> reason | meta | text, for comparing whole outputs. */
  private static Map<String, String> summary(Map<String, Row> out) {
    Map<String, String> m = new TreeMap<>();
    out.forEach((id, r) -> {
      Document d = DocumentSchema.toDocument(r);
      m.put(id, r.getString(r.fieldIndex("reason")) + " | " + d.meta() + " | " + d.text());
    });
    return m;
  }

  private static String reason(Row r) {
    return r.getString(r.fieldIndex("reason"));
  }

  private static Map<String, String> meta(Row r) {
    return DocumentSchema.toDocument(r).meta();
  }

  /** Relative path -> bytes of every file under {@code dir}. */
  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  private static void assertSameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
  }

  private static List<String> runDirs(Path index) throws IOException {
    try (Stream<Path> s = Files.list(index)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Index rows of one run folder: id -> row. */
  private static Map<String, Row> indexRows(Path runDir) {
    Map<String, Row> m = new TreeMap<>();
    for (Row r : spark.read().parquet(runDir.toString()).collectAsList()) {
      m.put(r.getString(r.fieldIndex("id")), r);
    }
    return m;
  }

  @Test
  void secondRunRemovesOnlyItsDuplicatesOfTheIndexAndAppendsItsSurvivors(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("index");
    Map<String, Row> out1 = run(yaml(index, true), RUN1, 2);
    assertEquals("dedup:exact", reason(out1.get("a3")));
    assertEquals(Map.of("cluster_id", "a1"), meta(out1.get("a3")), "no dedup_index: matched within the run");

    // The index: metadata + one run folder holding the three kept documents.
    IndexMetadata md = IndexMetadata.parse(Files.readString(index.resolve("_index.json")), "_index.json");
    assertEquals("w5_14x8_s1", md.minhash().slug());
    assertTrue(md.shingles(), "created by a run with verify on");
    List<String> dirs1 = runDirs(index);
    assertEquals(1, dirs1.size());
    String run1 = dirs1.get(0);
    assertTrue(run1.matches("run-[0-9a-f]{16}"), run1);
    assertEquals(List.of("part-00000.parquet"), files(index.resolve(run1)).keySet().stream().toList());
    Map<String, Row> rows1 = indexRows(index.resolve(run1));
    assertEquals(List.of("a1", "a2", "a4"), new ArrayList<>(rows1.keySet()));
    Row a1 = rows1.get("a1");
    assertEquals(run1, a1.getString(a1.fieldIndex("run")));
    assertEquals(ExactHash.of(T1), a1.getString(a1.fieldIndex("exact_hash")));
    assertEquals(14, a1.getList(a1.fieldIndex("band_keys")).size());
    // 60 words -> 56 distinct word 5-grams, 8 bytes each
    assertEquals(56 * 8, ((byte[]) a1.get(a1.fieldIndex("shingles"))).length);

    // Run 2 without update: duplicates of indexed documents go, pointing at them; the index is untouched.
    Map<String, byte[]> before = files(index);
    Map<String, Row> out2 = run(yaml(index, false), RUN2, 3);
    assertSameFiles(before, files(index));
    assertEquals("dedup:exact", reason(out2.get("b1")));
    assertEquals(Map.of("cluster_id", "a1", "dedup_index", run1), meta(out2.get("b1")));
    assertEquals("dedup:minhash", reason(out2.get("b2")));
    assertEquals(Map.of("cluster_id", "a2", "dedup_index", run1), meta(out2.get("b2")));
    assertEquals("dedup:minhash", reason(out2.get("b5")));
    assertEquals(Map.of("cluster_id", "a2", "dedup_index", run1), meta(out2.get("b5")));
    // Within the run, normal dedup.
    assertNull(reason(out2.get("b3")));
    assertEquals(Map.of("cluster_id", "b3", "cluster_size", "2"), meta(out2.get("b3")));
    assertEquals("dedup:exact", reason(out2.get("b4")));
    assertEquals(Map.of("cluster_id", "b3"), meta(out2.get("b4")));
    assertNull(reason(out2.get("b6")));
    // A new document that shares an id with an indexed one is not mistaken for it.
    assertNull(reason(out2.get("a4")));
    assertEquals(Map.of("cluster_id", "a4", "cluster_size", "1"), meta(out2.get("a4")));

    // Same run with update: same verdicts at another partition count, and its survivors are appended.
    Map<String, Row> out2u = run(yaml(index, true), RUN2, 5);
    assertEquals(summary(out2), summary(out2u));
    List<String> dirs2 = runDirs(index);
    assertEquals(2, dirs2.size());
    String run2 = dirs2.get(0).equals(run1) ? dirs2.get(1) : dirs2.get(0);
    assertEquals(List.of("a4", "b3", "b6"), new ArrayList<>(indexRows(index.resolve(run2)).keySet()));
    Row a4 = indexRows(index.resolve(run2)).get("a4");
    assertEquals(ExactHash.of(T7), a4.getString(a4.fieldIndex("exact_hash")));
    Map<String, byte[]> now = files(index);
    before.forEach((k, v) -> assertArrayEquals(v, now.get(k), "earlier files unchanged: " + k));

    // A retry of run 2 (e.g. after a crash once the index was updated) skips its own folder: same result,
    // same index bytes, nothing deduplicated against itself.
    Map<String, byte[]> after = files(index);
    assertEquals(summary(out2), summary(run(yaml(index, true), RUN2, 2)));
    assertSameFiles(after, files(index));

    // A third input that repeats run 2's survivors is now deduplicated against them.
    Map<String, Row> out3 = run(yaml(index, false), List.of(doc("c1", T6), doc("c2", T7)), 1);
    assertEquals(Map.of("cluster_id", "b6", "dedup_index", run2), meta(out3.get("c1")));
    assertEquals("dedup:exact", reason(out3.get("c2")));
    assertEquals("a4", meta(out3.get("c2")).get("cluster_id"));
  }

  private static Map<String, byte[]> filesUnchecked(Path dir) {
    try {
      return files(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void indexFolderIsTheSameForAnyPartitionCount(@TempDir Path tmp) {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Map<String, Row> outA = run(yaml(a, true), RUN1, 1);
    Map<String, Row> outB = run(yaml(b, true), RUN1, 4);
    assertEquals(summary(outA), summary(outB));
    // Byte for byte: same run folder name, file names and Parquet bytes. (Run 2's verdicts at two
    // partition counts are compared in the round-trip test.)
    assertSameFiles(filesUnchecked(a), filesUnchecked(b));
  }

  @Test
  void exactOnlyIndexDedupsExactCopiesAcrossRuns(@TempDir Path tmp) throws IOException {
    Path index = tmp.resolve("exact-index");
    String y = "index: {path: '" + index + "', update: true}";
    run(y, List.of(doc("x1", "The same page."), doc("x2", "Another page.")), 2);
    IndexMetadata md = IndexMetadata.parse(Files.readString(index.resolve("_index.json")), "f");
    assertNull(md.minhash());
    Row r = indexRows(index.resolve(runDirs(index).get(0))).get("x1");
    assertTrue(r.isNullAt(r.fieldIndex("band_keys")));
    assertTrue(r.isNullAt(r.fieldIndex("shingles")));
    Map<String, Row> out = run(y, List.of(doc("y1", "the SAME page"), doc("y2", "A third page.")), 1);
    assertEquals("dedup:exact", reason(out.get("y1")));
    assertEquals("x1", meta(out.get("y1")).get("cluster_id"));
    assertNull(reason(out.get("y2")));
    // Minhash on against an exact-only index is refused when the config is read.
    ConfigException e = assertThrows(ConfigException.class,
        () -> DedupStage.fromConfig(ConfigNode.parse(y + "\nminhash: true", "test.yaml")));
    assertTrue(e.getMessage().contains("without MinHash"), e.getMessage());
  }

  private static DedupStage stageBypassingConfigChecks(String path, boolean update, MinHashConfig mh) {
    return new DedupStage(new DedupConfig(true, false, DedupConfig.DEFAULT_URL_DATE_KEY, mh,
        DedupConfig.Survivor.SMALLEST_ID, DedupConfig.DEFAULT_QUALITY_KEY, DedupConfig.LineDedupConfig.DISABLED,
        DedupConfig.SentenceSpanConfig.DISABLED, new DedupConfig.IndexConfig(path, update)));
  }

  @Test
  void mismatchedParametersAreRefusedAtConfigAndAtRunTime(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("_index.json"), IndexMetadata.of(MinHashConfig.defaults(true)).toJson());
    ConfigException e = assertThrows(ConfigException.class, () -> DedupStage.fromConfig(ConfigNode.parse(
        "minhash: {enabled: true, bands: 20, rows: 13, seed: 7}\nindex: {path: '" + tmp + "'}", "test.yaml")));
    assertTrue(e.getMessage().contains("index.path") && e.getMessage().contains("w5_20x13_s7"), e.getMessage());
    // The same check when the stage starts (for file systems the config reader cannot see).
    MinHashConfig other = new MinHashConfig(true, 5, 20, 13, 7, false, false, 0.7);
    DedupStage s = stageBypassingConfigChecks(tmp.toString(), true, other);
    IllegalArgumentException ie = assertThrows(IllegalArgumentException.class,
        () -> s.apply(frame(spark, RUN1, 1)));
    assertTrue(ie.getMessage().contains(tmp.toString()) && ie.getMessage().contains("w5_14x8_s1")
        && ie.getMessage().contains("w5_20x13_s7"), ie.getMessage());
  }

  @Test
  void missingIndexWithoutUpdateNamesThePath(@TempDir Path tmp) {
    String missing = tmp.resolve("nope").toString();
    ConfigException e = assertThrows(ConfigException.class,
        () -> DedupStage.fromConfig(ConfigNode.parse("index: {path: '" + missing + "'}", "test.yaml")));
    assertTrue(e.getMessage().contains("test.yaml") && e.getMessage().contains("index.path")
        && e.getMessage().contains(missing), e.getMessage());
    DedupStage s = stageBypassingConfigChecks(missing, false, MinHashConfig.defaults(true));
    IllegalArgumentException ie = assertThrows(IllegalArgumentException.class, () -> s.apply(frame(spark, RUN1, 1)));
    assertEquals("no dedup index at " + missing + " (an index is created by a run with index.update: true)",
        ie.getMessage());
    assertFalse(Files.exists(tmp.resolve("nope")));
  }

  @Test
  void indexedNodeNamesDecode() {
    String node = "\u0000doc-1\u0000run-0123456789abcdef";
    assertTrue(SignatureIndex.isIndexed(node));
    assertEquals("doc-1", SignatureIndex.indexedId(node));
    assertEquals("run-0123456789abcdef", SignatureIndex.indexedRun(node));
    assertFalse(SignatureIndex.isIndexed("doc-1"));
    assertNotNull(SignatureIndex.SCHEMA.apply("band_keys"));
  }
}

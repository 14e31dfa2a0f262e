package kiln.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.dedup.index.IndexMetadata;
import kiln.dedup.minhash.MinHashConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupConfigTest {
  private static DedupConfig parse(String yaml) {
    return DedupConfig.fromConfig(ConfigNode.parse(yaml, "dedup.yaml"));
  }

  private static void fails(String yaml, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
    assertTrue(e.getMessage().contains("dedup.yaml") && e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void defaults() {
    DedupConfig c = parse("{}");
    assertTrue(c.exact());
    assertFalse(c.url());
    assertFalse(c.minhash().enabled());
    assertFalse(c.lines().enabled());
    assertEquals(DedupConfig.Survivor.SMALLEST_ID, c.survivor());
  }

  @Test
  void shorthandAndMappingForms() {
    assertTrue(parse("minhash: true").minhash().enabled());
    assertEquals(112, parse("minhash: true").minhash().numHashes());
    DedupConfig c = parse("minhash: {enabled: true, bands: 20, rows: 13, char_shingles: true, ngrams: 24}\n"
        + "url: {enabled: true, date_key: fetch_time}\nlines: {min_count: 5, min_chars: 10}");
    assertEquals(260, c.minhash().numHashes());
    assertEquals("c24_20x13_s1", c.minhash().slug());
    assertEquals("fetch_time", c.urlDateKey());
    assertEquals(5, c.lines().minCount());
    assertEquals(10, c.lines().minChars());
  }

  @Test
  void everyBadKeyIsNamed() {
    fails("exakt: true", "exakt");
    fails("survivor: biggest", "survivor");
    fails("minhash: {bands: 0}", "minhash.bands");
    fails("minhash: {rows: 1001}", "minhash.rows");
    fails("minhash: {ngrams: x}", "minhash.ngrams");
    fails("minhash: {threshold: -0.1}", "minhash.threshold");
    fails("minhash: {verfy: true}", "minhash.verfy");
    fails("url: {enabled: true, date: x}", "url.date");
    fails("url: maybe", "url");
    fails("lines: {min_count: 1}", "lines.min_count");
    fails("lines: {min_chars: -1}", "lines.min_chars");
    fails("quality_key: ''", "quality_key");
    fails("sentence_spans: {n_sentences: 0}", "sentence_spans.n_sentences");
    fails("sentence_spans: {min_doc_words: -1}", "sentence_spans.min_doc_words");
    fails("sentence_spans: {min_sentences: 3}", "sentence_spans.min_sentences");
    fails("index: {update: true}", "index.path");
    fails("index: {path: /tmp/x, update: maybe}", "index.update");
    fails("index: {path: /tmp/x, updat: true}", "index.updat");
    fails("index: {path: /nonexistent/kiln-index}", "index.path");
  }

  @Test
  void sentenceSpansDefaultsAreDatatrove() {
    DedupConfig.SentenceSpanConfig s = parse("sentence_spans: {}").sentenceSpans();
    assertTrue(s.enabled());
    assertEquals(3, s.nSentences());
    assertEquals(50, s.minDocWords());
    assertEquals(3, s.minNumSentences());
    assertFalse(parse("{}").sentenceSpans().enabled());
  }

  @Test
  void missingIndexIsAnErrorWithoutUpdateAndCreatedWithIt(@TempDir Path tmp) {
    String missing = tmp.resolve("idx").toString();
    ConfigException e = assertThrows(ConfigException.class, () -> parse("index: {path: " + missing + "}"));
    assertTrue(e.getMessage().contains("index.path") && e.getMessage().contains("no index at " + missing),
        e.getMessage());
    DedupConfig c = parse("index: {path: " + missing + ", update: true}");
    assertEquals(missing, c.index().path());
    assertTrue(c.index().update());
    assertFalse(Files.exists(tmp.resolve("idx")), "nothing is created before the stage runs");
  }

  @Test
  void folderThatIsNotAnIndexIsRefused(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("data.txt"), "x");
    fails("index: {path: " + tmp + ", update: true}", "index.path");
    ConfigException e = assertThrows(ConfigException.class, () -> parse("index: {path: " + tmp + "}"));
    assertTrue(e.getMessage().contains("has no _index.json"), e.getMessage());
  }

  @Test
  void indexWithOtherMinHashParametersIsRefusedBeforeSparkStarts(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve(IndexMetadata.FILE), IndexMetadata.of(MinHashConfig.defaults(true)).toJson());
    assertEquals(tmp.toString(), parse("index: {path: " + tmp + "}\nminhash: true").index().path());
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse("index: {path: " + tmp + "}\nminhash: {enabled: true, bands: 20, rows: 13}"));
    assertTrue(e.getMessage().contains("dedup.yaml") && e.getMessage().contains("index.path")
        && e.getMessage().contains("w5_14x8_s1") && e.getMessage().contains("w5_20x13_s1"), e.getMessage());
  }

  @Test
  void relativeIndexPathResolvesAgainstTheConfigFile(@TempDir Path tmp) throws Exception {
    Path yaml = tmp.resolve("conf/dedup.yaml");
    Files.createDirectories(yaml.getParent());
    Files.writeString(yaml, "index: {path: ../indexes/web, update: true}\n");
    DedupConfig c = DedupConfig.fromConfig(ConfigNode.load(yaml));
    assertEquals(tmp.resolve("indexes/web").toAbsolutePath().toString(), c.index().path());
    // Hadoop URIs pass through untouched.
    Files.writeString(yaml, "index: {path: 'hdfs://nn/idx'}\n");
    assertEquals("hdfs://nn/idx", DedupConfig.fromConfig(ConfigNode.load(yaml)).index().path());
  }
}

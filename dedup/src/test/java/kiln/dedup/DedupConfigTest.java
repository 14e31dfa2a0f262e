package kiln.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

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
    fails("index: {path: /tmp/x}", "index");
  }
}

package kiln.dedup.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.dedup.minhash.MinHashConfig;
import org.junit.jupiter.api.Test;

class IndexMetadataTest {
  private static MinHashConfig mh(int ngrams, int bands, int rows, long seed, boolean chars, boolean verify,
                                  double threshold) {
    return new MinHashConfig(true, ngrams, bands, rows, seed, chars, verify, threshold);
  }

  @Test
  void jsonRoundTripKeepsComparableParametersOnly() {
    IndexMetadata m = IndexMetadata.of(mh(5, 14, 8, 1, false, true, 0.8));
    IndexMetadata back = IndexMetadata.parse(m.toJson(), "x/_index.json");
    assertEquals(m, back);
    assertTrue(back.shingles());
    assertEquals("w5_14x8_s1", back.minhash().slug());
    // verify and threshold are query-time settings and are not stored
    assertFalse(back.minhash().verify());
    assertTrue(m.toJson().contains("\"slug\" : \"w5_14x8_s1\""), m.toJson());
  }

  @Test
  void exactOnlyIndex() {
    IndexMetadata m = IndexMetadata.of(MinHashConfig.defaults(false));
    assertNull(m.minhash());
    assertEquals(m, IndexMetadata.parse(m.toJson(), "f"));
    assertNull(m.incompatibility(MinHashConfig.defaults(false)));
    assertTrue(m.incompatibility(MinHashConfig.defaults(true)).contains("without MinHash"));
  }

  @Test
  void everyParameterThatChangesBandKeysIsRefused() {
    IndexMetadata m = IndexMetadata.of(mh(5, 14, 8, 1, false, false, 0.7));
    assertNull(m.incompatibility(mh(5, 14, 8, 1, false, false, 0.9)), "threshold is per run");
    assertTrue(m.incompatibility(mh(5, 20, 8, 1, false, false, 0.7)).contains("w5_20x8_s1"));
    assertTrue(m.incompatibility(mh(5, 14, 9, 1, false, false, 0.7)).contains("w5_14x9_s1"));
    assertTrue(m.incompatibility(mh(4, 14, 8, 1, false, false, 0.7)).contains("w4_14x8_s1"));
    assertTrue(m.incompatibility(mh(5, 14, 8, 2, false, false, 0.7)).contains("seed 1"));
    assertTrue(m.incompatibility(mh(5, 14, 8, 1, true, false, 0.7)).contains("c5_14x8_s1"));
    assertTrue(m.incompatibility(MinHashConfig.defaults(false)).contains("minhash.enabled: false"));
    assertTrue(m.incompatibility(mh(5, 14, 8, 1, false, true, 0.7)).contains("no shingle sets"));
  }

  @Test
  void otherVersionsAndForeignFilesAreRefused() {
    IndexMetadata v0 = new IndexMetadata(0, null, false);
    assertTrue(v0.incompatibility(MinHashConfig.defaults(false)).contains("version 0"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IndexMetadata.parse("{\"format\": \"other\"}", "d/_index.json"));
    assertTrue(e.getMessage().startsWith("d/_index.json: not a Kiln dedup index"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IndexMetadata.parse("{", "d/_index.json"));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> IndexMetadata.parse("{\"format\": \"kiln-dedup-index\", \"version\": 1, \"minhash\": null}", "f"));
    assertTrue(e.getMessage().contains("missing 'shingles'"), e.getMessage());
  }
}

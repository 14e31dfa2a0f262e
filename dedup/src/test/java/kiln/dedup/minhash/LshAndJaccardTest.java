package kiln.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LshAndJaccardTest {
  @Test
  void bandKeyDependsOnlyOnItsRows() {
    long[] s1 = {1, 2, 3, 4, 5, 6};
    long[] s2 = {1, 2, 3, 4, 5, 7};
    long[] k1 = LshBands.keys(s1, 3, 2);
    long[] k2 = LshBands.keys(s2, 3, 2);
    assertEquals(3, k1.length);
    assertEquals(k1[0], k2[0]);
    assertEquals(k1[1], k2[1]);
    assertNotEquals(k1[2], k2[2]);
  }

  @Test
  void bandKeyRowOrderMatters() {
    assertNotEquals(LshBands.keys(new long[] {1, 2}, 1, 2)[0], LshBands.keys(new long[] {2, 1}, 1, 2)[0]);
  }

  @Test
  void bandsTimesRowsMustMatch() {
    assertThrows(IllegalArgumentException.class, () -> LshBands.keys(new long[5], 2, 2));
  }

  @Test
  void jaccardByHand() {
    // {1,2,3,4} vs {3,4,5}: |∩| = 2, |∪| = 5
    assertEquals(2.0 / 5, JaccardVerifier.jaccard(new long[] {1, 2, 3, 4}, new long[] {3, 4, 5}), 1e-12);
    assertEquals(1.0, JaccardVerifier.jaccard(new long[] {-5, 7}, new long[] {-5, 7}), 1e-12);
    assertEquals(0.0, JaccardVerifier.jaccard(new long[] {1}, new long[] {}), 1e-12);
    assertEquals(1.0, JaccardVerifier.jaccard(new long[] {}, new long[] {}), 1e-12);
  }

  @Test
  void verifierThreshold() {
    JaccardVerifier v = new JaccardVerifier(0.4);
    assertTrue(v.accepts(new long[] {1, 2, 3, 4}, new long[] {3, 4, 5}));
    assertFalse(new JaccardVerifier(0.41).accepts(new long[] {1, 2, 3, 4}, new long[] {3, 4, 5}));
    assertThrows(IllegalArgumentException.class, () -> new JaccardVerifier(1.1));
  }

  @Test
  void detectionProbabilityMatchesSurveyTable() {
    MinHashConfig c = MinHashConfig.DEFAULTS;
    // 1 - (1 - 0.8^8)^14: 0.8^8 = 0.16777, (0.83223)^14 = 0.0763 -> 0.924
    assertEquals(0.924, c.detectionProbability(0.8), 0.0005);
    assertEquals(0.053, c.detectionProbability(0.5), 0.0005);
    assertEquals("w5_14x8_s1", c.slug());
  }

  @Test
  void configValidatesArguments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MinHashConfig(true, 5, 0, 8, 1, false, false, 0.7));
    assertTrue(e.getMessage().contains("bands"));
  }
}

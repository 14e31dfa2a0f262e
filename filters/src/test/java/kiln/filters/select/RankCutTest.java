package kiln.filters.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankCutTest {

  @Test
  void coversByKeyThenId() {
    RankCut c = new RankCut(3, 2.5, "m");
    assertTrue(c.covers(1.0, "z"), "lower key");
    assertTrue(c.covers(2.5, "a"), "same key, lower id");
    assertTrue(c.covers(2.5, "m"), "the cut document itself");
    assertFalse(c.covers(2.5, "n"), "same key, higher id");
    assertFalse(c.covers(2.6, "a"), "higher key");
    assertFalse(RankCut.NONE.covers(Double.NEGATIVE_INFINITY, ""), "rank 0 covers nothing");
  }

  @Test
  void negativeZeroEqualsZeroAsInSpark() {
    assertEquals(0.0, new Ranked("", -0.0).key());
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(new Ranked("", -0.0).key()));
    assertTrue(new RankCut(1, 0.0, "b").covers(-0.0, "a"));
    assertFalse(new RankCut(1, 0.0, "b").covers(-0.0, "c"));
  }

  @Test
  void idsCompareByUtf8BytesLikeSpark() {
    // U+FF61 (EF BD A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16 ("\uD83D\uDE00")
    String bmp = "\uFF61";
    String astral = new String(Character.toChars(0x1F600));
    assertTrue(bmp.compareTo(astral) > 0, "String.compareTo is UTF-16 order");
    assertTrue(RankCut.compareIds(bmp, astral) < 0);
    assertTrue(RankCut.compareIds("ab", "abc") < 0);
    assertEquals(0, RankCut.compareIds("x", "x"));
  }

  @Test
  void rejectsInconsistentCuts() {
    assertThrows(IllegalArgumentException.class, () -> new RankCut(0, 1, "a"));
    assertThrows(IllegalArgumentException.class, () -> new RankCut(2, 1, null));
    assertThrows(IllegalArgumentException.class, () -> new Ranked("", Double.NaN));
  }
}

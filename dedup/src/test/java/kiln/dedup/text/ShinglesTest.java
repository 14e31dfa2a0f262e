package kiln.dedup.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ShinglesTest {
  @Test
  void wordNgramCountIsWordsMinusNPlusOne() {
    // 7 words, n = 5 -> 7 - 5 + 1 = 3 shingles
    assertEquals(3, Shingles.hashes("a b c d e f g", 5, false).length);
  }

  @Test
  void shortTextGivesOneShingle() {
    assertEquals(1, Shingles.hashes("a b c", 5, false).length);
    assertEquals(0, Shingles.hashes("", 5, false).length);
  }

  @Test
  void sameNgramSameHashWherever() {
    long[] h = Shingles.hashes("x a b y a b", 2, false);
    // bigrams: xa ab by ya ab -> positions 1 and 4 are "a b"
    assertEquals(5, h.length);
    assertEquals(h[1], h[4]);
    assertNotEquals(h[0], h[1]);
  }

  @Test
  void wordOrderMatters() {
    assertNotEquals(Shingles.hashes("a b", 2, false)[0], Shingles.hashes("b a", 2, false)[0]);
  }

  @Test
  void ngramIsNotConfusedWithConcatenation() {
    assertNotEquals(Shingles.hashes("ab c", 2, false)[0], Shingles.hashes("a bc", 2, false)[0]);
  }

  @Test
  void charShinglesCountCodePoints() {
    // "héllo" after NFD would differ; here raw input: 5 code points, n = 3 -> 3 shingles
    assertEquals(3, Shingles.hashes("hello", 3, true).length);
    // 😀 is one code point (two UTF-16 units): "a😀b" = 3 code points, n = 2 -> 2 shingles
    assertEquals(2, Shingles.hashes("a\uD83D\uDE00b", 2, true).length);
  }

  @Test
  void setIsSortedAndDistinct() {
    long[] s = Shingles.set("a b a b a b", 2, false);
    // bigrams: ab ba ab ba ab -> {ab, ba}
    assertEquals(2, s.length);
    assertEquals(true, s[0] < s[1]);
    long[] again = Shingles.set("b a b a", 2, false);
    assertArrayEquals(s, again);
  }
}

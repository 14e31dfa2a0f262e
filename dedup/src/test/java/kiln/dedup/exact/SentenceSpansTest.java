package kiln.dedup.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SentenceSpansTest {
  private final SentenceSpans three = new SentenceSpans(3);

  @Test
  void oneKeyPerSpanOfThreeConsecutiveSentences() {
    // 4 sentences -> spans start at 0 and 1.
    SentenceSpans.Keys k = three.keys("A one. B two. C three. D four.");
    assertArrayEquals(new int[] {0, 1}, k.positions());
    assertNotEquals(k.keys()[0], k.keys()[1]);
  }

  @Test
  void keysAreOfTheNormalisedSentences() {
    long a = three.keys("A one. B two. C three. D four.").keys()[0];
    long b = three.keys("a ONE! b two?  C, three.").keys()[0];
    assertEquals(a, b);
    // Key = first 64 bits of MurmurHash3 x64-128 of "a one b two c three".
    byte[] bytes = "a one b two c three".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(org.apache.commons.codec.digest.MurmurHash3.hash128x64(bytes, 0, bytes.length, 0)[0], a);
  }

  @Test
  void fewerSentencesThanTheSpanGiveNoKey() {
    assertEquals(0, three.keys("Only one. And two.").keys().length);
    assertEquals(1, new SentenceSpans(1).keys("Only one.").keys().length);
  }

  @Test
  void removingASpanDropsItsSentencesAndTrailingSpace() {
    SentenceSpans.Removal r = three.remove("S one. S two. S three. S four.", new int[] {1});
    // sentences 1, 2, 3 go; "S one. " loses its trailing space.
    assertEquals("S one.", r.text());
    assertEquals(3, r.removed());
    assertEquals(1, r.sentences());
    assertEquals(2, r.words()); // "s one"
  }

  @Test
  void aLineThatLosesAllItsSentencesDisappearsBlankLinesStay() {
    SentenceSpans.Removal r = three.remove("Intro line.\nA one. A two. A three.\nOutro.", new int[] {1});
    assertEquals("Intro line.\nOutro.", r.text());
    assertEquals(3, r.removed());
    assertEquals(2, r.sentences());
    assertEquals(3, r.words()); // "intro line outro"

    r = three.remove("X.\n\nY one. Y two. Y three.", new int[] {1});
    // line 0 kept, blank line 1 kept (it has no sentence), line 2 gone with its sentences
    assertEquals("X.\n", r.text());
  }

  @Test
  void overlappingAndRepeatedStartsRemoveEachSentenceOnce() {
    SentenceSpans.Removal r = three.remove("A. B. C. D. E. F.", new int[] {2, 0, 2});
    // spans [0, 3) and [2, 5): sentences 0..4 go, F stays
    assertEquals("F.", r.text());
    assertEquals(5, r.removed());
    assertEquals(1, r.sentences());
  }

  @Test
  void nothingToRemoveKeepsTextByteForByte() {
    String t = "  Indented.  Two spaces.\r\nCRLF line. ";
    assertEquals(t, three.remove(t, new int[0]).text());
  }

  @Test
  void constructorNamesTheBadArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SentenceSpans(0));
    assertEquals("nSentences must be >= 1, got 0", e.getMessage());
  }
}

package kiln.dedup.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  @Test
  void lowercases() {
    assertEquals("hello world", TextNormalizer.normalize("Hello WORLD"));
  }

  @Test
  void digitsBecomeZero() {
    assertEquals("in 0000 and 00", TextNormalizer.normalize("in 2024 and 17"));
  }

  @Test
  void nonAsciiDigitsBecomeZero() {
    // U+0663 ARABIC-INDIC DIGIT THREE is a decimal digit.
    assertEquals("0", TextNormalizer.normalize("\u0663"));
  }

  @Test
  void punctuationBecomesSpaceAndCollapses() {
    assertEquals("a b c", TextNormalizer.normalize("a,b...c"));
    assertEquals("don t stop", TextNormalizer.normalize("Don't -- stop!"));
  }

  @Test
  void whitespaceCollapsesAndTrims() {
    assertEquals("a b", TextNormalizer.normalize("  \t a \n\n  b \r\n"));
  }

  @Test
  void accentsStripped() {
    assertEquals("cafe naive uber", TextNormalizer.normalize("Café naïve Über"));
  }

  @Test
  void precomposedAndDecomposedAgree() {
    assertEquals(TextNormalizer.normalize("e\u0301"), TextNormalizer.normalize("\u00e9"));
  }

  @Test
  void nonLatinLettersKept() {
    assertEquals("привет мир 日本語", TextNormalizer.normalize("Привет, мир! 日本語"));
  }

  @Test
  void emptyAndPunctuationOnly() {
    assertEquals("", TextNormalizer.normalize(""));
    assertEquals("", TextNormalizer.normalize(" ,.;!? "));
  }
}

package kiln.filters.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tokenizer skips its prefix, suffix and infix regexes when a span's first or last character (or, for infixes,
 * any character) cannot take part in a match. For every BMP character in a few contexts, the gated search must give
 * what the regex alone gives.
 */
class SpacyAffixGateTest {

  private static final String[] BEFORE = {"", "a", "1", "A", "°C", "AB", "aB", "1B", "xA", "°", "..", "x.", "'",
      "’", "/", "m/", "1m/", "10", "US", "1US", "é", "É", "ÉÉ", "-", "%", "²", "(", "\"", "?", "…", "🙂", "x🙂"};
  private static final String[] AFTER = {"", "a", "1", "s"};

  @Test
  void gatesAgreeWithTheRegexesOnEveryBmpCharacter() {
    int regexHits = 0;
    for (int cp = 0; cp < 0x10000; cp++) {
      if (Character.isSurrogate((char) cp)) {
        continue;
      }
      String c = new String(Character.toChars(cp));
      for (String a : AFTER) {
        String s = c + a;
        int want = SpacyEnglishTokenizer.prefixRegex(s);
        assertEquals(want, SpacyEnglishTokenizer.findPrefix(s), () -> "prefix of U+" + Integer.toHexString(c
            .codePointAt(0)) + " in '" + s + "'");
        regexHits += want > 0 ? 1 : 0;
      }
      for (String b : BEFORE) {
        if (PyStr.isSpace(cp)) {
          // spans never hold whitespace; and "$" would match before a final line terminator ("..\n" has a suffix)
          continue;
        }
        String s = b + c;
        int want = SpacyEnglishTokenizer.suffixRegex(s);
        assertEquals(want, SpacyEnglishTokenizer.findSuffix(s), () -> "suffix of '" + s + "'");
        regexHits += want > 0 ? 1 : 0;
      }
    }
    assertTrue(regexHits > 1000, "the regexes matched only " + regexHits + " times: the test exercises nothing");
  }

  @Test
  void suffixGateSeesMultiCharacterAlternatives() {
    for (String s : new String[] {"10km", "5US$", "3mbar", "it's", "USA.", "99%", "4+", "x……", "hi🙂", "IBM.", "end.", "1990.", "(that)", "word,",
        "3m/s"}) {
      assertEquals(SpacyEnglishTokenizer.suffixRegex(s), SpacyEnglishTokenizer.findSuffix(s), s);
      assertTrue(SpacyEnglishTokenizer.findSuffix(s) > 0, s);
    }
  }

  @Test
  void infixGateOnlySkipsSpansWithoutInfixCharacters() {
    for (int cp = 0; cp < 0x10000; cp++) {
      if (Character.isSurrogate((char) cp)) {
        continue;
      }
      String s = "a" + new String(Character.toChars(cp)) + "b";
      if (!SpacyEnglishTokenizer.mayHaveInfix(s)) {
        assertTrue(!SpacyEnglishTokenizer.INFIX.matcher(s).find(), s);
      }
      String d = "1" + new String(Character.toChars(cp)) + "2";
      if (!SpacyEnglishTokenizer.mayHaveInfix(d)) {
        assertTrue(!SpacyEnglishTokenizer.INFIX.matcher(d).find(), d);
      }
    }
  }
}

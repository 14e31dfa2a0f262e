package kiln.filters.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected tokens derived by hand from spaCy's prefix/suffix/infix rules (each case names the rule). */
class SpacyEnglishTokenizerTest {
  private static List<String> w(String s) {
    return SpacyEnglishTokenizer.INSTANCE.words(s);
  }

  @Test
  void punctuationSuffixesAndPrefixes() {
    // "," and "!" are suffixes; "(" prefix, ")" suffix
    assertEquals(List.of("Hello", ",", "world", "!"), w("Hello, world!"));
    assertEquals(List.of("(", "see", "above", ")"), w("(see above)"));
    // markup: "<" prefix, ">" suffix -> three tokens
    assertEquals(List.of("<", "p", ">"), w("<p>"));
  }

  @Test
  void periodSuffixNeedsLowercaseOrDigitBefore() {
    // "cat." splits ('t' is lower-case); "A." stays (single capital); "USA." splits (two capitals before)
    assertEquals(List.of("cat", "."), w("cat."));
    assertEquals(List.of("A."), w("A."));
    assertEquals(List.of("USA", "."), w("USA."));
  }

  @Test
  void contractionsAndAbbreviations() {
    assertEquals(List.of("Do", "n't", "go", "."), w("Don't go."));
    assertEquals(List.of("I", "'m", "here"), w("I'm here"));
    assertEquals(List.of("John", "'s"), w("John's"));
    assertEquals(List.of("Mr.", "Smith"), w("Mr. Smith"));
  }

  @Test
  void infixesAndUrls() {
    // hyphen between letters is an infix; ellipsis "..." an infix
    assertEquals(List.of("well", "-", "known"), w("well-known"));
    assertEquals(List.of("wait", "...", "what"), w("wait...what"));
    // a URL is kept whole after the final "." suffix is split off
    assertEquals(List.of("see", "https://example.com/a", "."), w("see https://example.com/a."));
    // currency prefix, unit suffix after digits
    assertEquals(List.of("$", "100"), w("$100"));
    assertEquals(List.of("10", "km"), w("10km"));
  }

  @Test
  void sentencizer() {
    // sentence starts after '.', '!' at the next token that is not punctuation
    assertEquals(2, SpacyEnglishTokenizer.INSTANCE.sentenceCount("One is here. Two is here."));
    assertEquals(3, SpacyEnglishTokenizer.INSTANCE.sentenceCount("A b! \"Cc dd.\" Ee f"));
  }
}

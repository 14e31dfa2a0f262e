package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GopherQualityFilterTest {
  private static final GopherQualityFilter CANON = GopherQualityFilter.defaults(Compat.NONE);
  private static final GopherQualityFilter DT = GopherQualityFilter.defaults(Compat.DATATROVE);

  @Test
  void minDocWords() {
    // spaCy tokens Hello , world ! -> non-symbol words = 2 < 50
    FilterResult r = DT.apply(TestDocs.web("Hello, world!"));
    assertEquals("min_doc_words", r.rule());
    assertEquals(2.0, r.signals().get("words"));
  }

  @Test
  void alphaRatioCountsPunctuationTokensOnlyInDatatroveMode() {
    // one repetition "the large cat, and dog; 12 ran." ; 10 repetitions
    // datatrove tokens per rep: the large cat , and dog ; 12 ran . = 10 -> 100 tokens
    //   non-symbol: the large cat and dog 12 ran = 7 -> 70 (>= 50); mean length (3+5+3+3+3+2+3)/7 = 22/7 = 3.14
    //   tokens with a letter: 6 per rep -> 60 / 100 = 0.6 < 0.8 -> min_alpha_words_ratio
    // canonical (ICU words, punctuation dropped): 60 / 70 = 0.857 >= 0.8; stop words {the, and} = 2 -> kept
    String text = "the large cat, and dog; 12 ran. ".repeat(10);
    FilterResult dt = DT.apply(TestDocs.web(text));
    assertEquals("min_alpha_words_ratio", dt.rule());
    assertEquals(0.6, dt.signals().get("alpha_words_ratio"), 1e-12);
    assertEquals(22.0 / 7, dt.signals().get("avg_word_length"), 1e-12);
    FilterResult c = CANON.apply(TestDocs.web(text));
    assertTrue(c.kept(), String.valueOf(c.rule()));
    assertEquals(60.0 / 70, c.signals().get("alpha_words_ratio"), 1e-12);
  }

  @Test
  void stopWordsDistinctInCanonicalOccurrencesInDatatrove() {
    // "the apple " x 25: 50 words, mean length (3+5)/2 = 4, all alphabetic
    // datatrove: 25 occurrences of "the" >= 2 -> kept; canonical: distinct stop words {the} = 1 < 2 -> rejected
    String text = "the apple ".repeat(25);
    assertTrue(DT.apply(TestDocs.web(text)).kept());
    FilterResult c = CANON.apply(TestDocs.web(text));
    assertEquals("min_stop_words", c.rule());
    assertEquals(1.0, c.signals().get("stop_words"));
  }

  @Test
  void avgWordLength() {
    // "to be of an at " x 12 = 60 words of length 2 -> mean 2 < 3
    FilterResult r = CANON.apply(TestDocs.web("to be of an at ".repeat(12)));
    assertEquals("min_avg_word_length", r.rule());
    assertEquals(2.0, r.signals().get("avg_word_length"));
  }

  @Test
  void symbolRatioHashes() {
    // "the cat and #dog " x 15: canonical words the cat and dog = 60; '#' count 15 -> 15/60 = 0.25 > 0.1
    FilterResult r = CANON.apply(TestDocs.web("the cat and #dog ".repeat(15)));
    assertEquals("max_symbol_word_ratio", r.rule());
    assertEquals(0.25, r.signals().get("hash_ratio"), 1e-12);
  }

  @Test
  void bulletAndEllipsisLines() {
    // 10 lines "- the item and thing number" -> 10/10 = 1.0 > 0.9 bullet lines (60 words)
    FilterResult r = CANON.apply(TestDocs.web("- the item and thing number\n".repeat(10)));
    assertEquals("max_bullet_lines_ratio", r.rule());
    assertEquals(1.0, r.signals().get("bullet_lines_ratio"));
    // 4 of 10 lines end in "…" -> 0.4 > 0.3 (the ellipsis symbol ratio is 4/60 = 0.067 <= 0.1)
    String t = "the cat and the dog ran…\n".repeat(4) + "the cat and the dog ran.\n".repeat(6);
    FilterResult e = CANON.apply(TestDocs.web(t));
    assertEquals("max_ellipsis_lines_ratio", e.rule());
    assertEquals(0.4, e.signals().get("ellipsis_lines_ratio"), 1e-12);
  }
}

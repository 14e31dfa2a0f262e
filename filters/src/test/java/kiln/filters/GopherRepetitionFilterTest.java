package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import kiln.filters.text.WordSplitter;
import org.junit.jupiter.api.Test;

class GopherRepetitionFilterTest {

  private static GopherRepetitionFilter nGramsOnly(Compat c, double[] top, double[] dup) {
    return new GopherRepetitionFilter(0, 0, 0, 0, top, dup,
        WordSplitter.of(c == Compat.DATATROVE ? "spacy_en" : "unicode"), c);
  }

  @Test
  void duplicateLines() {
    // lines x, x, x, y: 2 extra copies / 4 lines = 0.5 > 0.3 (both modes)
    for (Compat c : Compat.values()) {
      FilterResult r = GopherRepetitionFilter.defaults(c).apply(TestDocs.web("x\nx\nx\ny"));
      assertEquals("dup_line_frac", r.rule());
      assertEquals(0.5, r.signals().get("dup_line_frac"));
    }
  }

  @Test
  void duplicateLineChars() {
    // lines aaaaaaaaaa, bbbbbbbbbb, ccccc, aaaaaaaaaa: 1 extra copy (0.25 <= 0.3), 10 duplicate chars
    // datatrove: / len(text) = 10+1+10+1+5+1+10 = 38 -> 0.263 > 0.2; canonical: / (10+10+5+10 = 35) -> 0.286
    String t = "aaaaaaaaaa\nbbbbbbbbbb\nccccc\naaaaaaaaaa";
    FilterResult dt = GopherRepetitionFilter.defaults(Compat.DATATROVE).apply(TestDocs.web(t));
    assertEquals("dup_line_char_frac", dt.rule());
    assertEquals(10.0 / 38, dt.signals().get("dup_line_char_frac"), 1e-12);
    FilterResult c = GopherRepetitionFilter.defaults(Compat.NONE).apply(TestDocs.web(t));
    assertEquals(10.0 / 35, c.signals().get("dup_line_char_frac"), 1e-12);
  }

  @Test
  void topNGramTieBreak() {
    // "x yy x yy zzz www zzz www": bigrams "x yy" x2 and "zzz www" x2 tie on count
    // datatrove takes the first seen: len("x yy") = 4, * 2 / len(text) 25 = 0.32
    // canonical takes the one with most chars: (3+3) * 2 / word chars (1+2+1+2+3+3+3+3 = 18) = 0.667
    String t = "x yy x yy zzz www zzz www";
    FilterResult dt = GopherRepetitionFilter.defaults(Compat.DATATROVE).apply(TestDocs.web(t));
    assertEquals("top_2_gram", dt.rule());
    assertEquals(8.0 / 25, dt.signals().get("top_2_gram"), 1e-12);
    FilterResult c = GopherRepetitionFilter.defaults(Compat.NONE).apply(TestDocs.web(t));
    assertEquals("top_2_gram", c.rule());
    assertEquals(12.0 / 18, c.signals().get("top_2_gram"), 1e-12);
  }

  @Test
  void duplicateNGramsGreedyVersusMask() {
    // "a b c d e a b c d e" (len 19), top n-gram rules off
    // datatrove scan: 5-grams at 0..4 new, at 5 "abcde" seen -> +5 chars, skip to 10 -> 5/19 = 0.263 > 0.15
    // canonical mask: the 5-gram at 0 repeats at 5 -> all 10 words masked -> 10/10 = 1.0
    String t = "a b c d e a b c d e";
    double[] off = {0, 0, 0};
    double[] dup = GopherRepetitionFilter.DEFAULT_DUP_N_GRAMS;
    FilterResult dt = nGramsOnly(Compat.DATATROVE, off, dup).apply(TestDocs.web(t));
    assertEquals("dup_5_gram", dt.rule());
    assertEquals(5.0 / 19, dt.signals().get("dup_5_gram"), 1e-12);
    FilterResult c = nGramsOnly(Compat.NONE, off, dup).apply(TestDocs.web(t));
    assertEquals("dup_5_gram", c.rule());
    assertEquals(1.0, c.signals().get("dup_5_gram"), 1e-12);
  }

  @Test
  void crlfParagraphsDifferInDatatroveMode() {
    // datatrove splits paragraphs on \n{2,}: "p\r\n\r\np\r\n\r\np" is one paragraph (no dup); canonical sees 3
    // paragraphs "p": 2 extra copies / 3 = 0.667 > 0.3
    String t = "p\r\n\r\np\r\n\r\np";
    FilterResult c = GopherRepetitionFilter.defaults(Compat.NONE).apply(TestDocs.web(t));
    assertEquals("dup_para_frac", c.rule());
    assertEquals(2.0 / 3, c.signals().get("dup_para_frac"), 1e-12);
    FilterResult dt = GopherRepetitionFilter.defaults(Compat.DATATROVE).apply(TestDocs.web(t));
    assertEquals(0.0, dt.signals().get("dup_para_frac"));
  }
}

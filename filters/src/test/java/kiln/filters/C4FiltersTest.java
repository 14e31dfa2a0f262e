package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

class C4FiltersTest {
  private static final String PAGE = String.join("\n",
      "Short line.",                                   // 2 words < 3 -> dropped
      "This has javascript in it.",                    // javascript -> dropped
      "One sentence here. Two sentences here.[1]",     // citation removed; 2 sentences
      "Read our privacy policy now please.",           // policy -> dropped
      "Three is here. Four is here! Five is here?");   // 3 sentences

  @Test
  void linesCleanedAndSentencesCounted() {
    // kept lines 3 and 5: 2 + 3 = 5 sentences >= 5 -> kept, text rewritten
    for (Compat c : Compat.values()) {
      FilterResult r = C4QualityFilter.defaults(c).apply(TestDocs.web(PAGE));
      assertTrue(r.kept(), c + " " + r.rule());
      assertEquals(5.0, r.signals().get("sentences"));
      assertEquals(3.0, r.signals().get("lines_dropped"));
      assertEquals("One sentence here. Two sentences here.\nThree is here. Four is here! Five is here?",
          r.rewritten().text());
    }
    // 5 < 6
    C4QualityFilter six = C4QualityFilter.fromConfig(ConfigNode.parse("min_num_sentences: 6", "t"));
    assertEquals("min_num_sentences", six.apply(TestDocs.web(PAGE)).rule());
  }

  @Test
  void pageRules() {
    C4QualityFilter f = C4QualityFilter.defaults(Compat.NONE);
    assertEquals("lorem_ipsum", f.apply(TestDocs.web("Lorem ipsum dolor sit amet.")).rule());
    assertEquals("curly_bracket", f.apply(TestDocs.web("function f() { return 1; }")).rule());
    // the curly bracket on a line that is dropped anyway (2 words) does not count
    assertEquals("min_num_sentences", f.apply(TestDocs.web("{ x\nOne two three.")).rule());
  }

  @Test
  void terminalPunctuationRule() {
    // on: "No end mark here" and "Trailing dots ..." dropped, 1 sentence left -> < 5
    C4QualityFilter f = C4QualityFilter.fromConfig(ConfigNode.parse("terminal_punct: true\nmin_num_sentences: 1", "t"));
    FilterResult r = f.apply(TestDocs.web("No end mark here\nTrailing dots here...\nThis one ends well."));
    assertEquals("This one ends well.", r.rewritten().text());
  }

  @Test
  void paragraphFilter() {
    C4ParagraphFilter f = new C4ParagraphFilter(3, 200);
    String l200 = "a".repeat(200);
    // 2 lines < 3
    assertEquals("min_paragraphs", f.apply(TestDocs.web(l200 + "\n" + l200)).rule());
    // 3 lines, lengths 200, 200, 199: third-longest 199 < 200
    assertEquals("min_paragraph_len", f.apply(TestDocs.web(l200 + "\n" + l200 + "\n" + "a".repeat(199))).rule());
    assertTrue(f.apply(TestDocs.web(l200 + "\nx\n" + l200 + "\n" + l200)).kept());
  }

  @Test
  void citationDigitsAreUnicodeDigitsUnderDatatrove() {
    // Python's re: \d in a str pattern matches any Nd digit, so "[\u0661\u0662]" (Arabic-Indic 12) is a citation
    String line = "One sentence here. Two here. Three here. Four here. Five here.[\u0661\u0662]";
    FilterResult dt = C4QualityFilter.defaults(Compat.DATATROVE).apply(TestDocs.web(line));
    assertEquals("One sentence here. Two here. Three here. Four here. Five here.", dt.rewritten().text());
    // canonical keeps its ASCII-digit citation pattern (its verdicts and text are unchanged)
    FilterResult c = C4QualityFilter.defaults(Compat.NONE).apply(TestDocs.web(line));
    assertTrue(c.kept());
    assertEquals(null, c.rewritten());
  }
}

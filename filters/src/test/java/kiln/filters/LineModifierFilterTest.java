package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

class LineModifierFilterTest {
  private static final LineModifierFilter DEFAULTS = LineModifierFilter.fromConfig(ConfigNode.empty("t"));

  @Test
  void editsLinesAndGuardsWordRemoval() {
    // 20-word body line is kept; "12 likes" (2 words) is a counter; "Great article. Read more..." loses the
    // suffix ("Read more..." = 2 words). Words before = 20 + 2 + 4 = 26, after = 20 + 0 + 2 = 22:
    // removed 4/26 = 0.154 > 0.05 -> rejected with the default guard
    String body = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        + "sixteen seventeen eighteen nineteen twenty";
    String text = body + "\n12 likes\nGreat article. Read more...";
    FilterResult r = DEFAULTS.apply(TestDocs.web(text));
    assertEquals("max_word_removal_ratio", r.rule());
    assertEquals(4.0 / 26, r.signals().get("word_removal_ratio"), 1e-12);
    LineModifierFilter lax = LineModifierFilter.fromConfig(ConfigNode.parse("max_word_removal_ratio: 0.2", "t"));
    FilterResult k = lax.apply(TestDocs.web(text));
    assertTrue(k.kept());
    assertEquals(body + "\nGreat article.", k.rewritten().text());
  }

  @Test
  void uppercaseAndShortLines() {
    // "BUY NOW CHEAP" 11 uppercase of 13 chars = 0.846 > 0.5 -> dropped; "Hi" 1 word < 2 -> dropped
    LineModifierFilter f = LineModifierFilter.fromConfig(ConfigNode.parse("max_word_removal_ratio: 1", "t"));
    assertEquals("a normal line here", f.apply(TestDocs.web("BUY NOW CHEAP\nHi\na normal line here")).rewritten().text());
  }

  @Test
  void counterPattern() {
    assertTrue(LineModifierFilter.COUNTER.matcher("3.4K shares").matches());
    assertTrue(LineModifierFilter.COUNTER.matcher("Comments: 5").matches());
    assertTrue(!LineModifierFilter.COUNTER.matcher("12 people like this recipe").matches());
  }
}

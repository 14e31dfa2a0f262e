package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

class LengthFilterTest {

  @Test
  void minChars() {
    // "héllo 😀" = h é l l o ␠ 😀 = 7 code points (😀 is 2 UTF-16 units but 1 char)
    LengthFilter f = new LengthFilter(8, 100, 0);
    FilterResult r = f.apply(TestDocs.web("héllo 😀"));
    assertFalse(r.kept());
    assertEquals("min_chars", r.rule());
    assertEquals(7.0, r.signals().get("chars"));
    assertTrue(new LengthFilter(7, 100, 0).apply(TestDocs.web("héllo 😀")).kept());
  }

  @Test
  void maxChars() {
    // "abcdef" = 6 chars > 5
    assertEquals("max_chars", new LengthFilter(0, 5, 0).apply(TestDocs.web("abcdef")).rule());
    assertTrue(new LengthFilter(0, 6, 0).apply(TestDocs.web("abcdef")).kept());
  }

  @Test
  void minWords() {
    // " a  b\tc\n" = words a, b, c = 3 < 4
    FilterResult r = new LengthFilter(0, 100, 4).apply(TestDocs.web(" a  b\tc\n"));
    assertEquals("min_words", r.rule());
    assertEquals(3.0, r.signals().get("words"));
    assertTrue(new LengthFilter(0, 100, 3).apply(TestDocs.web(" a  b\tc\n")).kept());
  }

  @Test
  void configErrorsNameTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> LengthFilter.fromConfig(ConfigNode.parse("min_chras: 3", "f.yaml")));
    assertTrue(e.getMessage().contains("min_chras"), e.getMessage());
    ConfigException e2 = assertThrows(ConfigException.class,
        () -> LengthFilter.fromConfig(ConfigNode.parse("min_chars: 10\nmax_chars: 3", "f.yaml")));
    assertTrue(e2.getMessage().contains("max_chars"), e2.getMessage());
  }

  @Test
  void constructorNamesBadArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LengthFilter(-1, 5, 0));
    assertTrue(e.getMessage().startsWith("min_chars"));
  }
}

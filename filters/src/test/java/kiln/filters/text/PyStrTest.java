package kiln.filters.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PyStrTest {

  @Test
  void lenCountsCodePoints() {
    // "a😀b": 'a', U+1F600 (two UTF-16 units), 'b' = 3 code points, Java length 4
    assertEquals(3, PyStr.len("a😀b"));
    assertEquals(4, "a😀b".length());
  }

  @Test
  void splitlinesLikePython() {
    // "a\r\nb\rc\u2028d\x0be\n" -> ['a', 'b', 'c', 'd', 'e'] in Python
    assertEquals(List.of("a", "b", "c", "d", "e"), PyStr.splitlines("a\r\nb\rc\u2028d\u000be\n"));
    assertEquals(List.of("", "x"), PyStr.splitlines("\nx"));
    assertEquals(List.of(), PyStr.splitlines(""));
  }

  @Test
  void stripAndSplitUseUnicodeWhitespace() {
    // NBSP and U+2003 are whitespace to Python, not to Java's trim()
    assertEquals("a b", PyStr.strip("\u00a0\u2003a b\u00a0"));
    assertEquals(List.of("a", "b"), PyStr.split("a\u00a0b"));
  }

  @Test
  void splitOnKeepsEmptyParts() {
    // "a\n\nb\n".split("\n") == ['a', '', 'b', '']
    assertEquals(List.of("a", "", "b", ""), PyStr.splitOn("a\n\nb\n", '\n'));
  }
}

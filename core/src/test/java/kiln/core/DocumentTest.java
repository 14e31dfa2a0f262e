package kiln.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentTest {

  @Test
  void idIsStableAndDependsOnSourceAndLocator() {
    String a = Document.idFor("web", "crawl.warc.gz@1024");
    assertEquals(a, Document.idFor("web", "crawl.warc.gz@1024"));
    assertEquals(32, a.length());
    assertNotEquals(a, Document.idFor("web", "crawl.warc.gz@1025"));
    assertNotEquals(a, Document.idFor("books", "crawl.warc.gz@1024"));
    // The NUL separator keeps ("ab","c") and ("a","bc") apart.
    assertNotEquals(Document.idFor("ab", "c"), Document.idFor("a", "bc"));
  }

  @Test
  void metaIsSortedWhateverTheInsertionOrder() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("z", "1");
    m.put("a", "2");
    Document d = new Document("id", "s", Document.Kind.TEXT, null, "t", null, m);
    assertEquals(List.of("a", "z"), List.copyOf(d.meta().keySet()));
  }

  @Test
  void kindRoundTripsThroughItsStoredName() {
    for (Document.Kind k : Document.Kind.values()) {
      assertEquals(k, Document.Kind.of(k.value()));
    }
    assertThrows(IllegalArgumentException.class, () -> Document.Kind.of("video"));
  }

  @Test
  void utf8LengthCountsBytesWithoutEncoding() {
    // a=1, é=2, 語=3, 🙂=4 (a surrogate pair in UTF-16)
    assertEquals(1 + 2 + 3 + 4, Utf8.length("aé語🙂"));
    assertEquals("aé語🙂".getBytes(java.nio.charset.StandardCharsets.UTF_8).length, Utf8.length("aé語🙂"));
    // An unpaired surrogate encodes as U+FFFD (3 bytes).
    assertEquals(3, Utf8.length("\uD800"));
  }

  @Test
  void reasonsAreSnakeCasePairs() {
    assertEquals("gopher_quality:min_words", Reasons.of("gopher_quality", "min_words"));
    assertEquals("gopher_quality", Reasons.filterOf("gopher_quality:min_words"));
    assertThrows(IllegalArgumentException.class, () -> Reasons.of("Gopher", "min words"));
  }
}

package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import kiln.core.Document;
import org.junit.jupiter.api.Test;

class FilterChainTest {

  /** A filter that records it ran and rejects with a fixed rule when told to. */
  private record Fixed(String name, String rule) implements DocumentFilter {
    @Override
    public FilterResult apply(Document d) {
      return rule == null ? FilterResult.keep(java.util.Map.of("x", 1.5)) : FilterResult.reject(rule);
    }
  }

  @Test
  void firstRejectionWins() {
    FilterChain c = new FilterChain(List.of(new Fixed("a", null), new Fixed("b", "r1"), new Fixed("c", "r2")), false);
    assertEquals("b:r1", c.apply(TestDocs.web("t")).reason());
  }

  @Test
  void keptWhenAllKeep() {
    FilterChain c = new FilterChain(List.of(new Fixed("a", null)), false);
    assertNull(c.apply(TestDocs.web("t")).reason());
  }

  @Test
  void signalsModeAnnotatesInsteadOfDropping() {
    FilterChain c = new FilterChain(List.of(new Fixed("a", null), new Fixed("b", "r1"), new Fixed("c", "r2")), true);
    FilterChain.Verdict v = c.apply(TestDocs.web("t"));
    assertNull(v.reason());
    assertEquals("1.5", v.doc().meta().get("signal.a.x"));
    assertEquals("r1", v.doc().meta().get("signal.b.rule"));
    assertEquals("r2", v.doc().meta().get("signal.c.rule"));
  }

  @Test
  void registryNames() {
    assertEquals("gopher_probe", FilterRegistry.nameOf(GopherProbeFilter.class));
    assertEquals("c4_probe", FilterRegistry.nameOf(C4ProbeFilter.class));
    assertEquals("url_probe", FilterRegistry.nameOf(URLProbeFilter.class));
    assertEquals(LengthFilter.NAME, FilterRegistry.nameOf(LengthFilter.class));
  }

  private static final class GopherProbeFilter {}

  private static final class C4ProbeFilter {}

  private static final class URLProbeFilter {}
}

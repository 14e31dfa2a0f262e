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

  /** Scores {@code score} from the text length and keeps it above the cut-off 3. */
  private record Scored(String name) implements ScoredFilter {
    @Override
    public String scoreSignal() {
      return "score";
    }

    @Override
    public ScoreCut scoreCut() {
      return new ScoreCut("score", 3, "threshold", true, false);
    }

    @Override
    public FilterResult apply(Document d) {
      double s = d.text().length();
      var sig = java.util.Map.of("score", s, "other", 7.0);
      return s > 3 ? FilterResult.keep(sig) : FilterResult.reject("threshold", sig);
    }
  }

  @Test
  void scoredFiltersKeepTheirScoreOutsideSignalsMode() {
    FilterChain c = new FilterChain(List.of(new Fixed("a", null), new Scored("s"), new Fixed("c", "r2")), false);
    // rejected by a later filter: the score is kept; other signals are not written outside signals mode
    FilterChain.Verdict later = c.apply(TestDocs.web("long text"));
    assertEquals("c:r2", later.reason());
    assertEquals(java.util.Map.of("signal.s.score", "9"), later.doc().meta());
    // rejected by the scored filter itself
    FilterChain.Verdict own = c.apply(TestDocs.web("ab"));
    assertEquals("s:threshold", own.reason());
    assertEquals("2", own.doc().meta().get("signal.s.score"));
    // rejected before the scored filter ran: no score
    FilterChain.Verdict before = new FilterChain(List.of(new Fixed("a", "r0"), new Scored("s")), false)
        .apply(TestDocs.web("long text"));
    assertEquals(java.util.Map.of(), before.doc().meta());
    assertEquals(List.of(new ScoreCut("score", 3, "threshold", true, false).toMap("s")), c.scoreCuts());
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

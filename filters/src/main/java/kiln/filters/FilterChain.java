package kiln.filters;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.Reasons;

/**
 * Applies filters in order; the first rejection wins and later filters are not run. A filter's rewritten
 * document (line modifiers) is what the next filter sees.
 *
 * <p>In signals mode nothing is dropped: every filter runs, and its signal values and would-be verdict are
 * written to {@code meta} as strings: {@code signal.<filter>.<name>} = value and
 * {@code signal.<filter>.rule} = the rule that would have fired (absent when the filter would keep).
 */
public final class FilterChain {

  /** Outcome of the chain: the (possibly rewritten) document and null, or a reason {@code <filter>:<rule>}. */
  public record Verdict(Document doc, String reason) {}

  private final List<DocumentFilter> filters;
  private final boolean signals;

  public FilterChain(List<DocumentFilter> filters, boolean signals) {
    if (filters == null) {
      throw new IllegalArgumentException("filters: must not be null");
    }
    this.filters = List.copyOf(filters);
    this.signals = signals;
  }

  public List<DocumentFilter> filters() {
    return filters;
  }

  public boolean signals() {
    return signals;
  }

  /** The first {@code n} filters, in the same mode: what a document has been through when it reaches filter n. */
  public FilterChain prefix(int n) {
    return new FilterChain(filters.subList(0, n), signals);
  }

  /** This chain with filter {@code i} replaced (a dataset-level filter given its cut-offs). */
  public FilterChain with(int i, DocumentFilter f) {
    java.util.List<DocumentFilter> fs = new java.util.ArrayList<>(filters);
    fs.set(i, f);
    return new FilterChain(fs, signals);
  }

  public Verdict apply(Document d) {
    Document cur = d;
    if (!signals) {
      for (DocumentFilter f : filters) {
        FilterResult r = f.apply(cur);
        if (r.rewritten() != null) {
          cur = r.rewritten();
        }
        if (!r.kept()) {
          return new Verdict(cur, Reasons.of(f.name(), r.rule()));
        }
      }
      return new Verdict(cur, null);
    }
    Map<String, String> add = new TreeMap<>();
    for (DocumentFilter f : filters) {
      FilterResult r = f.apply(cur);
      if (r.rewritten() != null) {
        cur = r.rewritten();
      }
      for (Map.Entry<String, Double> e : r.signals().entrySet()) {
        add.put("signal." + f.name() + "." + e.getKey(), formatSignal(e.getValue()));
      }
      if (!r.kept()) {
        add.put("signal." + f.name() + ".rule", r.rule());
      }
    }
    if (!add.isEmpty()) {
      TreeMap<String, String> meta = new TreeMap<>(cur.meta());
      meta.putAll(add);
      cur = new Document(cur.id(), cur.source(), cur.kind(), cur.url(), cur.text(), cur.lang(), meta);
    }
    return new Verdict(cur, null);
  }

  /** Integers without a fraction, other values with Java's shortest round-trip form. */
  static String formatSignal(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}

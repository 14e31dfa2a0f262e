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
 *
 * <p>Outside signals mode a {@link ScoredFilter}'s score (only that signal) is still written, for every document
 * the filter scored: kept ones and the ones it or a later filter rejected. A threshold on a model score is chosen
 * by looking at where documents fall, so the report charts it from any run.
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
      Map<String, String> scores = null;
      for (DocumentFilter f : filters) {
        FilterResult r = f.apply(cur);
        if (r.rewritten() != null) {
          cur = r.rewritten();
        }
        if (f instanceof ScoredFilter sf) {
          Double v = r.signals().get(sf.scoreSignal());
          if (v != null) {
            scores = scores == null ? new TreeMap<>() : scores;
            scores.put("signal." + f.name() + "." + sf.scoreSignal(), formatSignal(v));
          }
        }
        if (!r.kept()) {
          return new Verdict(withMeta(cur, scores), Reasons.of(f.name(), r.rule()));
        }
      }
      return new Verdict(withMeta(cur, scores), null);
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
    return new Verdict(withMeta(cur, add), null);
  }

  private static Document withMeta(Document d, Map<String, String> add) {
    if (add == null || add.isEmpty()) {
      return d;
    }
    TreeMap<String, String> meta = new TreeMap<>(d.meta());
    meta.putAll(add);
    return new Document(d.id(), d.source(), d.kind(), d.url(), d.text(), d.lang(), meta);
  }

  /** The score cut-offs of the chain's {@link ScoredFilter}s, in chain order, as the stage records them. */
  public List<Map<String, Object>> scoreCuts() {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (DocumentFilter f : filters) {
      ScoreCut cut = f instanceof ScoredFilter sf ? sf.scoreCut() : null;
      if (cut != null) {
        out.add(cut.toMap(f.name()));
      }
    }
    return out;
  }

  /** Integers without a fraction, other values with Java's shortest round-trip form. */
  static String formatSignal(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}

package kiln.filters;

import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;

/**
 * Verdict of one filter on one document.
 *
 * @param rule the config key that fired (null when kept)
 * @param signals the measured values the filter based its decision on (name to value), sorted by name
 * @param rewritten the modified document for line modifiers and decontamination cuts; null when unchanged
 */
public record FilterResult(boolean kept, String rule, Map<String, Double> signals, Document rewritten) {

  public FilterResult {
    if (!kept && rule == null) {
      throw new IllegalArgumentException("rule: a rejection needs the rule that fired");
    }
    signals = signals == null ? Map.of() : new TreeMap<>(signals);
  }

  private static final FilterResult KEEP = new FilterResult(true, null, Map.of(), null);

  public static FilterResult keep() {
    return KEEP;
  }

  public static FilterResult keep(Map<String, Double> signals) {
    return new FilterResult(true, null, signals, null);
  }

  public static FilterResult reject(String rule) {
    return new FilterResult(false, rule, Map.of(), null);
  }

  public static FilterResult reject(String rule, Map<String, Double> signals) {
    return new FilterResult(false, rule, signals, null);
  }

  public static FilterResult rewrite(Document d, Map<String, Double> signals) {
    return new FilterResult(true, null, signals, d);
  }

  public FilterResult withRewritten(Document d) {
    return new FilterResult(kept, rule, signals, d);
  }
}

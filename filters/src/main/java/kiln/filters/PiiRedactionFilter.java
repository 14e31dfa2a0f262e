package kiln.filters;

import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.pii.PiiFilter;
import kiln.filters.pii.PiiSettings;
import kiln.filters.pii.PiiType;

/**
 * The PII kernel ({@link PiiFilter}, docs/pii.md) as an element of a filter chain, so that a recipe can end with
 * FineWeb's e-mail/IP redaction inside the filter stage: the document that reaches it is redacted and gets meta
 * {@code pii.<type>} counts, and it is removed (rule {@code max_spans}) only when the PII stage's {@code max_spans}
 * limits say so. It takes the PII stage's keys. Documents removed by an earlier filter of the chain never reach
 * it, so {@code rejected/} holds them unredacted, as they were read (FineWeb redacts its output only).
 */
public final class PiiRedactionFilter implements DocumentFilter {
  public static final String NAME = "pii_redaction";

  private final PiiFilter pii;

  public PiiRedactionFilter(PiiSettings settings) {
    this.pii = new PiiFilter(settings);
  }

  public static PiiRedactionFilter fromConfig(ConfigNode c) {
    return new PiiRedactionFilter(PiiSettings.fromConfig(c));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    PiiFilter.Verdict v = pii.apply(d);
    Map<String, Double> sig = new TreeMap<>();
    for (Map.Entry<PiiType, Integer> e : v.counts().entrySet()) {
      sig.put(e.getKey().key(), (double) e.getValue());
    }
    if (v.reason() != null) {
      return FilterResult.reject("max_spans", sig).withRewritten(v.doc());
    }
    return v.doc() == d ? FilterResult.keep(sig) : FilterResult.rewrite(v.doc(), sig);
  }
}

package kiln.filters.pii;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.Reasons;

/**
 * The PII kernel: redacts a document and decides whether to keep it. Every document gets meta
 * {@code pii.<type>} = span count for each type found (so stats can sum them); a document with more spans
 * than {@code max_spans} in total, or more of one type than that type's {@code max_spans}, is rejected with
 * reason {@code pii:max_spans} (Dolma drops documents with more than 5 spans). Rejected documents are
 * redacted too, so the rejects dataset holds no more PII than the kept one.
 */
public final class PiiFilter {
  public static final String NAME = "pii";
  public static final String REASON_MAX_SPANS = Reasons.of(NAME, "max_spans");

  private final PiiSettings settings;
  private final PiiRedactor redactor;

  /** Verdict: the rewritten document and a reason (null = kept). */
  public record Verdict(Document doc, String reason, Map<PiiType, Integer> counts) {}

  public PiiFilter(PiiSettings settings) {
    this.settings = settings;
    this.redactor = new PiiRedactor(settings);
  }

  public PiiRedactor redactor() {
    return redactor;
  }

  public PiiContext contextFor(Document d) {
    List<String> regions = RegionHints.regions(d.url(), d.lang(), settings.phoneRegions());
    return new PiiContext(regions, d.kind() == Document.Kind.CODE);
  }

  public Verdict apply(Document d) {
    PiiRedactor.Result r = redactor.redact(d.text(), contextFor(d));
    String reason = null;
    if (settings.maxSpans() >= 0 && r.total() > settings.maxSpans()) {
      reason = REASON_MAX_SPANS;
    }
    if (r.counts().isEmpty()) {
      return new Verdict(d, reason, r.counts());
    }
    Map<String, String> meta = new TreeMap<>(d.meta());
    for (Map.Entry<PiiType, Integer> e : r.counts().entrySet()) {
      meta.put(e.getKey().metaKey(), Integer.toString(e.getValue()));
      long typeMax = settings.rule(e.getKey()).maxSpans();
      if (typeMax >= 0 && e.getValue() > typeMax) {
        reason = REASON_MAX_SPANS;
      }
    }
    Document out = new Document(d.id(), d.source(), d.kind(), d.url(), r.text(), d.lang(), meta);
    return new Verdict(out, reason, r.counts());
  }
}

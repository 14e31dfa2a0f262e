package kiln.filters.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

class PiiFilterTest {
  private static Document doc(String text, String url, String lang) {
    return new Document("id1", "web", Document.Kind.WEB, url, text, lang, Map.of("k", "v"));
  }

  @Test
  void countsGoToMeta() {
    PiiFilter f = new PiiFilter(PiiSettings.defaults());
    PiiFilter.Verdict v = f.apply(doc("a@uni.edu b@uni.edu 8.8.8.8", null, null));
    assertNull(v.reason());
    assertEquals(Map.of("k", "v", "pii.email", "2", "pii.ip", "1"), v.doc().meta());
    assertEquals("<EMAIL> <EMAIL> <IP>", v.doc().text());
  }

  @Test
  void maxSpansRejectsDolmaStyle() {
    PiiFilter f = new PiiFilter(PiiSettings.fromConfig(ConfigNode.parse("max_spans: 2", "t")));
    // 3 spans > 2: rejected, still redacted.
    PiiFilter.Verdict v = f.apply(doc("a@uni.edu b@uni.edu 8.8.8.8", null, null));
    assertEquals("pii:max_spans", v.reason());
    assertEquals("<EMAIL> <EMAIL> <IP>", v.doc().text());
    assertNull(f.apply(doc("a@uni.edu b@uni.edu", null, null)).reason()); // 2 spans, not more than 2
    PiiFilter perType = new PiiFilter(PiiSettings.fromConfig(ConfigNode.parse("secret: {max_spans: 0}", "t")));
    assertEquals("pii:max_spans", perType.apply(doc("AKIAIOSFODNN7EXAMPLE", null, null)).reason());
  }

  @Test
  void regionsComeFromTldAndLanguage() {
    PiiFilter f = new PiiFilter(PiiSettings.defaults());
    assertEquals(java.util.List.of("DE", "FR", "BE", "CH", "CA", "US"),
        f.contextFor(doc("", "https://www.beispiel.de/kontakt", "fr")).regions());
    // No phone word nearby: only the DE hint (from .de or from lang de) makes the number valid.
    assertEquals("Nummer <PHONE>.", f.apply(doc("Nummer 030 12345678.", "https://x.de/", null)).doc().text());
    assertEquals("Nummer <PHONE>.", f.apply(doc("Nummer 030 12345678.", null, "de")).doc().text());
    assertEquals("Nummer 030 12345678.", f.apply(doc("Nummer 030 12345678.", "https://x.com/", null)).doc().text());
  }
}

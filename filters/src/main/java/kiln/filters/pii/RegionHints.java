package kiln.filters.pii;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Phone regions to try for a document, most specific first: the country of the URL's top-level domain
 * ({@code .de} is DE, {@code .uk} is GB), then the countries most associated with the document's language,
 * then the configured defaults. Duplicates are removed and regions libphonenumber does not know are dropped.
 */
public final class RegionHints {
  private RegionHints() {}

  private static final Map<String, List<String>> BY_LANG = Map.ofEntries(
      Map.entry("en", List.of("US", "GB", "CA", "AU", "IN")),
      Map.entry("de", List.of("DE", "AT", "CH")),
      Map.entry("fr", List.of("FR", "BE", "CH", "CA")),
      Map.entry("es", List.of("ES", "MX", "AR", "CO")),
      Map.entry("pt", List.of("BR", "PT")),
      Map.entry("it", List.of("IT")),
      Map.entry("nl", List.of("NL", "BE")),
      Map.entry("pl", List.of("PL")),
      Map.entry("ru", List.of("RU", "UA", "BY", "KZ")),
      Map.entry("uk", List.of("UA")),
      Map.entry("sv", List.of("SE")),
      Map.entry("da", List.of("DK")),
      Map.entry("nb", List.of("NO")),
      Map.entry("no", List.of("NO")),
      Map.entry("fi", List.of("FI")),
      Map.entry("cs", List.of("CZ")),
      Map.entry("tr", List.of("TR")),
      Map.entry("el", List.of("GR", "CY")),
      Map.entry("ja", List.of("JP")),
      Map.entry("zh", List.of("CN", "TW", "HK", "SG")),
      Map.entry("ko", List.of("KR")),
      Map.entry("ar", List.of("SA", "EG", "AE", "MA")),
      Map.entry("hi", List.of("IN")),
      Map.entry("id", List.of("ID")),
      Map.entry("vi", List.of("VN")),
      Map.entry("th", List.of("TH")),
      Map.entry("he", List.of("IL")),
      Map.entry("fa", List.of("IR")),
      Map.entry("hu", List.of("HU")),
      Map.entry("ro", List.of("RO")));

  /** The regions for a document with {@code url} and {@code lang} (either may be null). */
  public static List<String> regions(String url, String lang, List<String> defaults) {
    List<String> out = new ArrayList<>(8);
    String tldRegion = tldRegion(url);
    if (tldRegion != null) {
      out.add(tldRegion);
    }
    if (lang != null) {
      String l = lang.toLowerCase(Locale.ROOT);
      int cut = l.indexOf('_') >= 0 ? l.indexOf('_') : l.indexOf('-');
      for (String r : BY_LANG.getOrDefault(cut > 0 ? l.substring(0, cut) : l, List.of())) {
        if (!out.contains(r)) {
          out.add(r);
        }
      }
    }
    for (String r : defaults) {
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    out.removeIf(r -> !PhoneDetector.supportsRegion(r));
    return out;
  }

  static String tldRegion(String url) {
    if (url == null || url.isEmpty()) {
      return null;
    }
    String host;
    try {
      host = URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (host == null) {
      return null;
    }
    int dot = host.lastIndexOf('.');
    String tld = host.substring(dot + 1).toUpperCase(Locale.ROOT);
    if (tld.length() != 2) {
      return null;
    }
    return tld.equals("UK") ? "GB" : tld;
  }
}

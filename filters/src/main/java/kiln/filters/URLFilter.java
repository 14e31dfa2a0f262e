package kiln.filters;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kiln.core.Document;
import kiln.core.config.ConfigNode;

/**
 * URL blocklists (RefinedWeb / datatrove {@code URLFilter} style). Removes a document when, in order:
 * {@code domain_blocklist}: its host (lower-cased, leading "www." dropped) or any parent domain of it is listed
 * (so listing a registered domain blocks its subdomains, without a public-suffix list); {@code url_blocklist}: the
 * whole URL is listed; {@code banned_words}: a listed word equals one of the URL's tokens (lower-cased URL split
 * on {@code [^a-z0-9]+}); {@code soft_banned_words}: at least {@code soft_banned_min} (2) distinct listed words
 * are tokens; {@code banned_subwords}: a listed string occurs in the URL with every non-alphanumeric removed.
 * Each list is a file named in the config ({@link WordLists}); Kiln ships small example lists only. Documents
 * without a URL are kept. Deviation from datatrove: parent-domain matching instead of tldextract's registered
 * domain (it blocks the same hosts when the list holds registered domains).
 */
public final class URLFilter implements DocumentFilter {
  public static final String NAME = "url";
  public static final long DEFAULT_SOFT_BANNED_MIN = 2;

  private final Set<String> domains;
  private final Set<String> urls;
  private final Set<String> bannedWords;
  private final Set<String> softBannedWords;
  private final List<String> bannedSubwords;
  private final long softBannedMin;

  public URLFilter(Set<String> domains, Set<String> urls, Set<String> bannedWords, Set<String> softBannedWords,
                   Set<String> bannedSubwords, long softBannedMin) {
    if (softBannedMin < 1) {
      throw new IllegalArgumentException("soft_banned_min: must be >= 1, got " + softBannedMin);
    }
    this.domains = Set.copyOf(domains);
    this.urls = Set.copyOf(urls);
    this.bannedWords = Set.copyOf(bannedWords);
    this.softBannedWords = Set.copyOf(softBannedWords);
    this.bannedSubwords = List.copyOf(bannedSubwords);
    this.softBannedMin = softBannedMin;
  }

  public static URLFilter fromConfig(ConfigNode c) {
    URLFilter f = new URLFilter(
        WordLists.fromConfig(c, "domain_blocklist"),
        WordLists.fromConfig(c, "url_blocklist"),
        WordLists.fromConfig(c, "banned_words"),
        WordLists.fromConfig(c, "soft_banned_words"),
        WordLists.fromConfig(c, "banned_subwords"),
        c.integer("soft_banned_min", DEFAULT_SOFT_BANNED_MIN, 1, 1000));
    c.rejectUnknown();
    return f;
  }

  @Override
  public String name() {
    return NAME;
  }

  static String hostOf(String url) {
    try {
      String h = URI.create(url.strip()).getHost();
      if (h != null) {
        return h.toLowerCase(Locale.ROOT);
      }
    } catch (IllegalArgumentException e) {
      // fall through to the lenient parse below: crawls hold URLs java.net.URI rejects
    }
    String s = url.strip();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int end = 0;
    while (end < s.length() && "/?#".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    s = s.substring(0, end);
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    int colon = s.indexOf(':');
    if (colon >= 0) {
      s = s.substring(0, colon);
    }
    return s.toLowerCase(Locale.ROOT);
  }

  @Override
  public FilterResult apply(Document d) {
    String url = d.url();
    if (url == null || url.isBlank()) {
      return FilterResult.keep();
    }
    if (!domains.isEmpty()) {
      String host = hostOf(url);
      if (host.startsWith("www.")) {
        host = host.substring(4);
      }
      for (String h = host; !h.isEmpty(); ) {
        if (domains.contains(h)) {
          return FilterResult.reject("domain_blocklist");
        }
        int dot = h.indexOf('.');
        h = dot < 0 ? "" : h.substring(dot + 1);
      }
    }
    String lower = url.strip().toLowerCase(Locale.ROOT);
    if (urls.contains(lower)) {
      return FilterResult.reject("url_blocklist");
    }
    Set<String> tokens = new HashSet<>(List.of(lower.split("[^a-z0-9]+")));
    for (String w : bannedWords) {
      if (tokens.contains(w)) {
        return FilterResult.reject("banned_words");
      }
    }
    int soft = 0;
    for (String w : softBannedWords) {
      if (tokens.contains(w)) {
        soft++;
      }
    }
    if (soft >= softBannedMin) {
      return FilterResult.reject("soft_banned_words", Map.of("soft_banned_words", (double) soft));
    }
    if (!bannedSubwords.isEmpty()) {
      String norm = lower.replaceAll("[^a-z0-9]", "");
      for (String w : bannedSubwords) {
        if (norm.contains(w)) {
          return FilterResult.reject("banned_subwords");
        }
      }
    }
    return FilterResult.keep(Map.of("soft_banned_words", (double) soft));
  }
}

package kiln.jobs.stats;

import java.net.URI;
import java.util.Locale;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The host of a crawled URL for the domain and TLD profiles, read leniently: crawls hold URLs that
 * {@link URI} refuses (spaces, raw non-ASCII, stray brackets) and those still name a host a reader would see.
 * A URL without any host ({@code file:///x}, {@code mailto:}, garbage) counts as {@link StageProfile#INVALID};
 * it never throws.
 */
public final class UrlHost {
  private UrlHost() {}

  /** {@link #of} as a Spark function. */
  public static final UserDefinedFunction UDF =
      functions.udf((UDF1<String, String>) UrlHost::of, DataTypes.StringType);

  /** Lower-cased host, {@link StageProfile#INVALID} when there is none, null for a missing URL. */
  public static String of(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String u = url.strip();
    try {
      String h = URI.create(u).getHost();
      if (h != null && !h.isEmpty()) {
        return h.toLowerCase(Locale.ROOT);
      }
    } catch (IllegalArgumentException e) {
      // fall through to the lenient reading
    }
    String h = lenientHost(u);
    return h == null ? StageProfile.INVALID : h;
  }

  /** scheme://[user@]host[:port][/?#...], with whatever characters the host part holds. */
  private static String lenientHost(String u) {
    int sep = u.indexOf("://");
    if (sep <= 0) {
      return null;
    }
    for (int i = 0; i < sep; i++) {
      char c = u.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return null;
      }
    }
    int start = sep + 3;
    int end = start;
    while (end < u.length() && "/?#".indexOf(u.charAt(end)) < 0) {
      end++;
    }
    String authority = u.substring(start, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String host;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close < 0 ? authority.substring(1) : authority.substring(1, close);
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
    }
    host = host.strip();
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      return null;
    }
    return host.toLowerCase(Locale.ROOT);
  }
}

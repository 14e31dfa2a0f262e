package kiln.jobs.ingest.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kiln.jobs.ingest.TextBytes;

/**
 * Decodes an HTML payload. Order (close to the WHATWG encoding sniffing algorithm): a byte order mark, then the
 * charset of the HTTP Content-Type header, then a {@code <meta charset>} or {@code http-equiv} declaration in the
 * first {@link #META_SNIFF_BYTES} bytes, then a detector: strict UTF-8 if the bytes are valid UTF-8, else
 * windows-1252 (the WHATWG replacement for ISO-8859-1 and the most common legacy web encoding).
 *
 * <p>A declared charset that disagrees with valid UTF-8 bytes loses to UTF-8 only when the declaration is
 * ISO-8859-1/windows-1252/US-ASCII: pages mislabeled that way are common, the reverse is not.
 */
public final class HtmlCharset {
  private HtmlCharset() {}

  public static final int META_SNIFF_BYTES = 4096;

  private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.\\-]+)",
      Pattern.CASE_INSENSITIVE);
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** The chosen charset and the decoded text. */
  public record Decoded(String text, Charset charset, String how) {}

  public static Decoded decode(byte[] b, int len, String contentTypeHeader) {
    if (len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      return new Decoded(new String(b, 3, len - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "bom");
    }
    if (len >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      return new Decoded(new String(b, 2, len - 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, "bom");
    }
    if (len >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      return new Decoded(new String(b, 2, len - 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, "bom");
    }
    Charset declared = fromLabel(contentTypeHeader);
    String how = "http";
    if (declared == null) {
      String head = new String(b, 0, Math.min(len, META_SNIFF_BYTES), StandardCharsets.ISO_8859_1);
      declared = fromMeta(head);
      how = "meta";
    }
    if (declared != null && !isLatin(declared)) {
      return new Decoded(new String(b, 0, len, declared), declared, how);
    }
    String utf8 = TextBytes.strict(b, 0, len, StandardCharsets.UTF_8);
    if (utf8 != null) {
      return new Decoded(utf8, StandardCharsets.UTF_8, declared == null ? "detected" : how + "+utf8");
    }
    return new Decoded(new String(b, 0, len, WINDOWS_1252), WINDOWS_1252, declared == null ? "detected" : how);
  }

  private static boolean isLatin(Charset cs) {
    String n = cs.name();
    return n.equals("ISO-8859-1") || n.equals("windows-1252") || n.equals("US-ASCII");
  }

  /** The charset named by a {@code charset=} parameter in {@code s}, or null if absent or unknown. */
  static Charset fromLabel(String s) {
    if (s == null) {
      return null;
    }
    Matcher m = CHARSET.matcher(s);
    return m.find() ? lookup(m.group(1)) : null;
  }

  private static Charset fromMeta(String head) {
    String lower = head.toLowerCase(Locale.ROOT);
    int i = 0;
    while ((i = lower.indexOf("<meta", i)) >= 0) {
      int end = lower.indexOf('>', i);
      if (end < 0) {
        break;
      }
      Charset cs = fromLabel(head.substring(i, end));
      if (cs != null) {
        return cs;
      }
      i = end;
    }
    return null;
  }

  static Charset lookup(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    // WHATWG: these labels all mean windows-1252 on the web.
    if (l.equals("iso-8859-1") || l.equals("latin1") || l.equals("latin-1") || l.equals("us-ascii")
        || l.equals("ascii") || l.equals("iso8859-1") || l.equals("cp1252")) {
      return WINDOWS_1252;
    }
    if (l.equals("utf8")) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(l);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

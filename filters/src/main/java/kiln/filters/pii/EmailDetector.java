package kiln.filters.pii;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * E-mail addresses. Scanning: from each {@code @}, extend left over local-part characters (letters, digits,
 * {@code . _ % + - '}) and right over domain characters (letters, digits, {@code . -}), trim dots, then
 * {@link #isValid validate}. Validation follows validator.js {@code isEmail} defaults: local part at most
 * 64 UTF-8 bytes, dot-atom (no leading, trailing or doubled dot) or a quoted string; domain at most 254
 * chars, 2+ labels of at most 63 chars, labels of letters/digits/hyphens (no leading or trailing hyphen,
 * no underscore, no full-width forms), top-level label alphabetic of 2+ chars or {@code xn--}; no
 * whitespace anywhere. Addresses whose domain is on the allow-list (documentation domains such as
 * {@code example.com}) are not reported.
 */
public final class EmailDetector implements PiiDetector {
  private final AllowList allow;

  public EmailDetector(AllowList allow) {
    this.allow = allow;
  }

  @Override
  public PiiType type() {
    return PiiType.EMAIL;
  }

  @Override
  public void detect(String text, PiiContext context, List<PiiSpan> out) {
    int at = text.indexOf('@');
    int consumed = 0;
    while (at >= 0) {
      int s = at;
      while (s > consumed && isScanLocal(text.charAt(s - 1))) {
        s--;
      }
      while (s < at && text.charAt(s) == '.') {
        s++;
      }
      int e = at + 1;
      while (e < text.length() && isScanDomain(text.charAt(e))) {
        e++;
      }
      while (e > at + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) {
        e--;
      }
      if (s < at && e > at + 1) {
        String candidate = text.substring(s, e);
        if (isValid(candidate) && !allow.allowsEmail(candidate)) {
          out.add(new PiiSpan(s, e, PiiType.EMAIL, candidate));
          consumed = e;
        }
      }
      at = text.indexOf('@', Math.max(at + 1, consumed));
    }
  }

  private static boolean isScanLocal(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
  }

  private static boolean isScanDomain(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-';
  }

  /** Whole-string validation (validator.js {@code isEmail} with default options). */
  public static boolean isValid(String s) {
    int at = s.lastIndexOf('@');
    if (s.length() > 254 || at <= 0 || at == s.length() - 1) {
      return false;
    }
    String local = s.substring(0, at);
    String domain = s.substring(at + 1);
    return validLocal(local) && validDomain(domain);
  }

  static boolean validLocal(String local) {
    if (local.getBytes(StandardCharsets.UTF_8).length > 64) {
      return false;
    }
    if (local.length() >= 2 && local.charAt(0) == '"' && local.charAt(local.length() - 1) == '"') {
      return validQuoted(local.substring(1, local.length() - 1));
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c == '.') {
        continue;
      }
      if (!(isAsciiAlnum(c) || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || isUtf8Letterish(c))) {
        return false;
      }
    }
    return true;
  }

  private static boolean validQuoted(String q) {
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (c == '\\') {
        if (++i >= q.length()) {
          return false;
        }
        char n = q.charAt(i);
        if (!(n >= 0x01 && n <= 0x7f && n != '\n' || isUtf8Letterish(n))) {
          return false;
        }
      } else if (c == '"') {
        return false;
      } else if (!(Character.isWhitespace(c) || (c >= 0x01 && c <= 0x7f && c != '\\') || isUtf8Letterish(c))) {
        return false;
      }
    }
    return true;
  }

  /** validator.js's non-ASCII ranges: U+00A1-U+D7FF, U+F900-U+FDCF, U+FDF0-U+FFEF (so no surrogates). */
  private static boolean isUtf8Letterish(char c) {
    return (c >= 0x00A1 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFEF);
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  static boolean validDomain(String domain) {
    if (domain.length() > 254 || domain.isEmpty() || domain.endsWith(".")) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean fullWidth = c >= 0xFF01 && c <= 0xFF5E;
        if (!(isAsciiAlnum(c) || c == '-' || (c >= 0x00A1 && !fullWidth && !Character.isWhitespace(c)
            && !Character.isSurrogate(c) && Character.isLetterOrDigit(c)))) {
          return false;
        }
      }
    }
    String tld = labels[labels.length - 1];
    if (tld.startsWith("xn--") && tld.length() >= 4) {
      return true;
    }
    if (tld.length() < 2) {
      return false;
    }
    for (int i = 0; i < tld.length(); i++) {
      char c = tld.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || ((c >= 0x00A1 && c <= 0x00A8) || (c >= 0x00AA && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF)
          || (c >= 0xFDF0 && c <= 0xFFEF)) && Character.isLetter(c);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}

package kiln.filters.pii;

import java.util.List;

/**
 * Payment card numbers: 13-19 digits, optionally grouped (4-4-4-4, Amex 4-6-5, 4-4-4-4-3 or any other
 * grouping) by one separator used throughout ({@link #SEPARATORS}), whose issuer
 * identification number (IIN) prefix and length belong to a card brand ({@link Brand}) and whose Luhn
 * checksum holds. Brand rules are validator.js {@code isCreditCard}'s. A random digit string passes the
 * Luhn check one time in ten and an IIN range rarely, so ISBNs (prefix 978/979), phone numbers and dates
 * do not match.
 */
public final class PaymentCardDetector implements PiiDetector {
  public static final int MIN_DIGITS = 13;
  public static final int MAX_DIGITS = 19;
  /** Shortest digit group followed by a separator. */
  static final int MIN_GROUP = 3;

  /** Card brands by IIN range and length. */
  public enum Brand {
    AMEX, DINERS_CLUB, DISCOVER, JCB, MASTERCARD, UNIONPAY, VISA;
  }

  @Override
  public PiiType type() {
    return PiiType.CREDIT_CARD;
  }

  /**
   * Separators written between digit groups: space, no-break and thin spaces, hyphen, en dash, dot, and the
   * spaced forms {@code " - "}, {@code "  "}. One number uses one of them throughout.
   */
  private static final java.util.Set<String> SEPARATORS = java.util.Set.of(" ", "  ", "-", " - ", ".", "\u00A0",
      "\u2009", "\u202F", "\u2013", " \u2013 ");
  private static final String SEPARATOR_CHARS = " -.\u00A0\u2009\u202F\u2013";

  @Override
  public void detect(String text, PiiContext context, List<PiiSpan> out) {
    int n = text.length();
    int i = 0;
    StringBuilder digits = new StringBuilder(24);
    int[] ends = new int[MAX_DIGITS + 8];
    while (i < n) {
      // Digits glued to a word ("prefix6234917882863855", validator.js's own negative) are part of that token.
      if (!Chars.isAsciiDigit(text.charAt(i)) || Chars.wordBefore(text, i)) {
        i++;
        continue;
      }
      int start = i;
      digits.setLength(0);
      int e = i;
      String sep = null;
      int group = 0;
      // Collect digits with one consistent separator between groups; remember where each digit ends. Cards are
      // printed in groups of 4-6 digits, so a group of one or two digits ends the number (versions, dates).
      while (e < n && digits.length() < MAX_DIGITS + 6) {
        char c = text.charAt(e);
        if (Chars.isAsciiDigit(c)) {
          digits.append(c);
          ends[digits.length()] = e + 1;
          e++;
          group++;
          continue;
        }
        if (group < MIN_GROUP) {
          break;
        }
        group = 0;
        int s = e;
        while (s < n && s - e < 3 && SEPARATOR_CHARS.indexOf(text.charAt(s)) >= 0) {
          s++;
        }
        String token = text.substring(e, s);
        if (s > e && s < n && Chars.isAsciiDigit(text.charAt(s)) && SEPARATORS.contains(token)
            && (sep == null || sep.equals(token))) {
          sep = token;
          e = s;
        } else {
          break;
        }
      }
      int found = -1;
      if (digits.length() >= MIN_DIGITS) {
        // Longest valid prefix that ends at a group boundary (not inside a digit run).
        for (int len = Math.min(MAX_DIGITS, digits.length()); len >= MIN_DIGITS; len--) {
          int end = ends[len];
          if (Chars.wordAt(text, end)) {
            continue;
          }
          if (isValid(digits.substring(0, len))) {
            found = end;
            break;
          }
        }
      }
      if (found > 0 && !Chars.codeTokenBefore(text, start)) {
        out.add(PiiSpan.of(text, start, found, PiiType.CREDIT_CARD));
        i = found;
      } else {
        // Skip the rest of this digit run so that its suffixes are not retried as new starts.
        i = start + 1;
        while (i < n && Chars.isAsciiDigit(text.charAt(i))) {
          i++;
        }
      }
    }
  }

  /** Whole-string validation: digits with optional spaces/hyphens, a known brand and a valid Luhn sum. */
  public static boolean isValid(String s) {
    String d = s.replace(" ", "").replace("-", "");
    return brandOf(d) != null && Chars.luhn(d);
  }

  /** The brand of a digit string by IIN range and length, or null. */
  public static Brand brandOf(String d) {
    int n = d.length();
    if (n < MIN_DIGITS || n > MAX_DIGITS) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      if (!Chars.isAsciiDigit(d.charAt(i))) {
        return null;
      }
    }
    int p2 = Integer.parseInt(d.substring(0, 2));
    int p3 = Integer.parseInt(d.substring(0, 3));
    int p4 = Integer.parseInt(d.substring(0, 4));
    if (d.charAt(0) == '4' && (n == 13 || n >= 16)) {
      return Brand.VISA;
    }
    if ((p2 == 34 || p2 == 37) && n == 15) {
      return Brand.AMEX;
    }
    if (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38) && n == 14) {
      return Brand.DINERS_CLUB;
    }
    if ((p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) && n == 16) {
      return Brand.MASTERCARD;
    }
    if ((p4 == 6011 || p2 == 65) && n >= 16 && n <= 19) {
      return Brand.DISCOVER;
    }
    if (((p4 == 2131 || p4 == 1800) && n == 15) || (p2 == 35 && n == 16)) {
      return Brand.JCB;
    }
    if (((p2 == 62 || p2 == 67) && n == 16) || (p2 == 81 && n >= 16 && n <= 19)) {
      return Brand.UNIONPAY;
    }
    return null;
  }
}

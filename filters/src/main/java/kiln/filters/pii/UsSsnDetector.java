package kiln.filters.pii;

import java.util.List;

/**
 * US Social Security numbers {@code AAA-GG-SSSS} (hyphens or single spaces). Valid ranges (SSA, since the
 * 2011 randomisation): area 001-899 except 666, group 01-99, serial 0001-9999; two numbers the SSA voided
 * after they were printed in advertisements (078-05-1120, 219-09-9999) are kept as non-PII. A bare nine-digit
 * number counts only when "ssn" or "social security" occurs in the 40 characters before it.
 */
public final class UsSsnDetector implements PiiDetector {
  private static final int CONTEXT = 40;

  @Override
  public PiiType type() {
    return PiiType.US_SSN;
  }

  @Override
  public void detect(String text, PiiContext context, List<PiiSpan> out) {
    int n = text.length();
    int i = 0;
    while (i + 9 <= n) {
      char c = text.charAt(i);
      if (!Chars.isAsciiDigit(c) || Chars.wordBefore(text, i) || (i > 0 && "-.+/".indexOf(text.charAt(i - 1)) >= 0)) {
        i++;
        continue;
      }
      int end = match(text, i);
      if (end > 0) {
        out.add(PiiSpan.of(text, i, end, PiiType.US_SSN));
        i = end;
      } else {
        while (i < n && Chars.isAsciiDigit(text.charAt(i))) {
          i++;
        }
      }
    }
  }

  /** End of an SSN starting at {@code i}, or -1. */
  private static int match(String t, int i) {
    int n = t.length();
    if (!digits(t, i, 3)) {
      return -1;
    }
    int p = i + 3;
    char sep = p < n ? t.charAt(p) : 0;
    int end;
    if (sep == '-' || sep == ' ') {
      if (!digits(t, p + 1, 2) || p + 3 >= n || t.charAt(p + 3) != sep || !digits(t, p + 4, 4)) {
        return -1;
      }
      end = p + 8;
    } else {
      if (!digits(t, i, 9)) {
        return -1;
      }
      end = i + 9;
      String before = Chars.window(t, i - CONTEXT, i);
      if (!(before.contains("ssn") || before.contains("social security"))) {
        return -1;
      }
    }
    if (Chars.wordAt(t, end) || (end + 1 < n && (t.charAt(end) == '-' || t.charAt(end) == '.')
        && Chars.isAsciiDigit(t.charAt(end + 1)))) {
      return -1;
    }
    return isValid(t.substring(i, end)) ? end : -1;
  }

  private static boolean digits(String t, int from, int count) {
    if (from + count > t.length()) {
      return false;
    }
    for (int k = from; k < from + count; k++) {
      if (!Chars.isAsciiDigit(t.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** Whole-string validation of {@code AAA-GG-SSSS}, {@code AAA GG SSSS} or nine digits against the ranges. */
  public static boolean isValid(String s) {
    String d = s.replace("-", "").replace(" ", "");
    if (d.length() != 9 || !digits(d, 0, 9)) {
      return false;
    }
    int area = Integer.parseInt(d.substring(0, 3));
    int group = Integer.parseInt(d.substring(3, 5));
    int serial = Integer.parseInt(d.substring(5));
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
      return false;
    }
    return !d.equals("078051120") && !d.equals("219099999");
  }
}

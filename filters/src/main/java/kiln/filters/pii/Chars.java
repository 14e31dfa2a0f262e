package kiln.filters.pii;

/** Character classes shared by the scanners. */
final class Chars {
  private Chars() {}

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isWord(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** True when the char before {@code i} is a word char (or {@code i} is past the start and so). */
  static boolean wordBefore(CharSequence s, int i) {
    return i > 0 && isWord(s.charAt(i - 1));
  }

  static boolean wordAt(CharSequence s, int i) {
    return i < s.length() && isWord(s.charAt(i));
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Luhn (mod 10) check over the ASCII digits of {@code digits}. */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** The lower-cased window {@code [from, to)} clipped to the text. */
  static String window(String s, int from, int to) {
    return s.substring(Math.max(0, from), Math.min(s.length(), to)).toLowerCase(java.util.Locale.ROOT);
  }
}

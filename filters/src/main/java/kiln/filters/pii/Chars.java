package kiln.filters.pii;

/** Character classes shared by the scanners. */
final class Chars {
  private Chars() {}

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

  /**
   * True when the text before {@code i} is a word made of letters only, glued to the number ({@code CC4111...},
   * {@code call555-123-4567}): a label run into the value. A word holding digits or {@code _} (a hash, an
   * identifier) is not a label, so the digits are part of it.
   */
  static boolean lettersGluedBefore(CharSequence s, int i) {
    if (i == 0 || !Character.isLetter(s.charAt(i - 1))) {
      return false;
    }
    int k = i - 1;
    while (k >= 0 && Character.isLetter(s.charAt(k))) {
      k--;
    }
    return k < 0 || !isWord(s.charAt(k));
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * True when a single space separates {@code start} from a preceding alphanumeric token that holds a digit
   * ({@code "1Z 626 853 ..."}, {@code "1E5 71 3400"}): the digits continue a longer code such as a parcel
   * tracking number, so they are not a number of their own.
   */
  static boolean codeTokenBefore(CharSequence s, int start) {
    if (start < 2 || s.charAt(start - 1) != ' ' || !Character.isLetterOrDigit(s.charAt(start - 2))) {
      return false;
    }
    boolean digit = false;
    boolean letter = false;
    for (int k = start - 2; k >= 0 && Character.isLetterOrDigit(s.charAt(k)); k--) {
      digit |= isAsciiDigit(s.charAt(k));
      letter |= Character.isLetter(s.charAt(k));
    }
    return digit && letter;
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

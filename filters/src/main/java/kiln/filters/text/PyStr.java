package kiln.filters.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Python 3 {@code str} semantics on Java strings: lengths in code points, {@code isspace}, {@code strip},
 * {@code split()}, {@code splitlines()}, {@code isalpha}. Reproducing datatrove's decisions depends on these
 * exactly (Java's {@code length()}, {@code trim()} and {@code lines()} all differ).
 */
public final class PyStr {
  private PyStr() {}

  /** {@code len(s)}: code points. Fast path when there are no surrogates. */
  public static int len(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return s.codePointCount(0, n);
      }
    }
    return n;
  }

  /** {@code len(s[start:end])}: code points. */
  public static int len(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return s.codePointCount(start, end);
      }
    }
    return end - start;
  }

  /** {@link #hasAlpha(String)} of {@code s[start:end]}. */
  public static boolean hasAlpha(String s, int start, int end) {
    for (int i = start; i < end; ) {
      int cp = s.codePointAt(i);
      if (isAlpha(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /** {@code str.isspace()} for one code point: the characters Python's {@code split()}/{@code strip()} remove. */
  public static boolean isSpace(int cp) {
    if (cp < 128) {
      return cp == ' ' || (cp >= 9 && cp <= 13) || (cp >= 0x1C && cp <= 0x1F);
    }
    switch (cp) {
      case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        return true;
      default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
  }

  /** {@code str.isalpha()} for one code point: Unicode categories Lu, Ll, Lt, Lm, Lo. */
  public static boolean isAlpha(int cp) {
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }
    return Character.isLetter(cp);
  }

  /** True when some code point of {@code w} is a letter ({@code any(c.isalpha() for c in w)}). */
  public static boolean hasAlpha(String w) {
    for (int i = 0; i < w.length(); ) {
      int cp = w.codePointAt(i);
      if (isAlpha(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  public static String strip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e) {
      int cp = s.codePointAt(b);
      if (!isSpace(cp)) {
        break;
      }
      b += Character.charCount(cp);
    }
    while (e > b) {
      int cp = s.codePointBefore(e);
      if (!isSpace(cp)) {
        break;
      }
      e -= Character.charCount(cp);
    }
    return s.substring(b, e);
  }

  public static String lstrip(String s) {
    int b = 0;
    while (b < s.length()) {
      int cp = s.codePointAt(b);
      if (!isSpace(cp)) {
        break;
      }
      b += Character.charCount(cp);
    }
    return s.substring(b);
  }

  public static String rstrip(String s) {
    int e = s.length();
    while (e > 0) {
      int cp = s.codePointBefore(e);
      if (!isSpace(cp)) {
        break;
      }
      e -= Character.charCount(cp);
    }
    return s.substring(0, e);
  }

  /** {@code s.split()}: maximal runs of non-whitespace. */
  public static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean ws = isSpace(cp);
      if (ws && start >= 0) {
        out.add(s.substring(start, i));
        start = -1;
      } else if (!ws && start < 0) {
        start = i;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      out.add(s.substring(start));
    }
    return out;
  }

  /** Line boundaries of {@code str.splitlines()}: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029. */
  public static boolean isLineBreak(char c) {
    switch (c) {
      case '\n', '\r', 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
        return true;
      default:
        return false;
    }
  }

  /** {@code s.splitlines()} (no trailing empty element; {@code ""} gives an empty list). */
  public static List<String> splitlines(String s) {
    List<String> out = new ArrayList<>();
    int n = s.length();
    int start = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (isLineBreak(c)) {
        out.add(s.substring(start, i));
        if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
        i++;
        start = i;
      } else {
        i++;
      }
    }
    if (start < n) {
      out.add(s.substring(start));
    }
    return out;
  }

  /** {@code s.split(sep)} for a one-character separator: always {@code count(sep) + 1} parts. */
  public static List<String> splitOn(String s, char sep) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == sep) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  /** {@code s.count(sub)}: non-overlapping occurrences, left to right. */
  public static int count(String s, String sub) {
    int n = 0;
    int i = 0;
    while ((i = s.indexOf(sub, i)) >= 0) {
      n++;
      i += sub.length();
    }
    return n;
  }

  public static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}

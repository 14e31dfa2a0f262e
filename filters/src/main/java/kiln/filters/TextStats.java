package kiln.filters;

/** Small text measurements shared by filters. */
public final class TextStats {
  private TextStats() {}

  /** Number of maximal runs of non-whitespace code points (Python's {@code len(s.split())}). */
  public static int whitespaceWordCount(String s) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean ws = isPyWhitespace(cp);
      if (!ws && !in) {
        n++;
      }
      in = !ws;
      i += Character.charCount(cp);
    }
    return n;
  }

  /** Python's {@code str.isspace()} for one code point (what {@code str.split()} splits on). */
  public static boolean isPyWhitespace(int cp) {
    switch (cp) {
      case ' ', '\t', '\n', 0x0B, '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0xA0, 0x1680, 0x2028, 0x2029,
          0x202F, 0x205F, 0x3000:
        return true;
      default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
  }
}

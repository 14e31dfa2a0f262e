package kiln.filters.lm;

import java.text.Normalizer;
import java.util.Map;

/**
 * CCNet's {@code text_normalizer.normalize(line)} with its defaults (accent, case, numbers, punct=1), applied
 * before SentencePiece and the language model: strip, lower-case, drop combining marks after NFD, every
 * Unicode decimal digit to {@code 0}, CJK/typographic punctuation to ASCII by CCNet's table, and drop the
 * control characters U+0000..U+001F and U+007F..U+009F.
 *
 * <p>Python's {@code str.lower} and Java's {@link String#toLowerCase} with the root locale agree except on a
 * few special casings (e.g. final sigma is context-free in Python); the difference is documented, not patched.
 */
public final class CcNetNormalizer {
  private CcNetNormalizer() {}

  private static final Map<Character, String> PUNCT = Map.ofEntries(
      Map.entry('，', ","), Map.entry('。', "."), Map.entry('、', ","), Map.entry('„', "\""),
      Map.entry('”', "\""), Map.entry('“', "\""), Map.entry('«', "\""), Map.entry('»', "\""),
      Map.entry('１', "\""), Map.entry('」', "\""), Map.entry('「', "\""), Map.entry('《', "\""),
      Map.entry('》', "\""), Map.entry('´', "'"), Map.entry('∶', ":"), Map.entry('：', ":"),
      Map.entry('？', "?"), Map.entry('！', "!"), Map.entry('（', "("), Map.entry('）', ")"),
      Map.entry('；', ";"), Map.entry('–', "-"), Map.entry('—', " - "), Map.entry('．', ". "),
      Map.entry('～', "~"), Map.entry('’', "'"), Map.entry('…', "..."), Map.entry('━', "-"),
      Map.entry('〈', "<"), Map.entry('〉', ">"), Map.entry('【', "["), Map.entry('】', "]"),
      Map.entry('％', "%"), Map.entry('►', "-"));

  public static String normalize(String line) {
    String s = line.strip();
    if (s.isEmpty()) {
      return s;
    }
    s = s.toLowerCase(java.util.Locale.ROOT);
    s = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
        // CCNet maps digits before punctuation, so the fullwidth one U+FF11 has become "0" already
        out.append('0');
        continue;
      }
      if (cp < 0x10000) {
        String p = PUNCT.get((char) cp);
        if (p != null) {
          out.append(p);
          continue;
        }
      }
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
        continue;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }
}

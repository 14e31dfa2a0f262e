package kiln.dedup.text;

import java.text.Normalizer;

/**
 * FineWeb's {@code simplify_text} (datatrove {@code utils/text.py}; field survey §6.1): the form in which
 * two documents are compared for exact and near duplicates.
 *
 * <p>Steps, in order: Unicode NFD and removal of combining marks (accents stripped: {@code é -> e}); lower
 * case ({@link Character#toLowerCase(int)}, locale-free); every decimal digit ({@link Character#isDigit})
 * becomes {@code 0}; every character that is neither a letter, a digit nor a combining mark kept above
 * (punctuation, symbols, whitespace, controls) becomes a space; runs of spaces collapse to one; leading and
 * trailing spaces are removed. Works on code points, so supplementary characters survive intact.
 *
 * <p>Deviation: datatrove maps punctuation with a fixed table; here every non-letter non-digit code point is
 * a separator, which also covers symbols ({@code ©, →}) the table misses.
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  public static String normalize(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String nfd = Normalizer.isNormalized(text, Normalizer.Form.NFD) ? text : Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(nfd.length());
    boolean pendingSpace = false;
    for (int i = 0; i < nfd.length(); ) {
      int cp = nfd.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK) {
        continue;
      }
      if (Character.isDigit(cp)) {
        cp = '0';
      } else if (Character.isLetter(cp)) {
        cp = Character.toLowerCase(cp);
      } else {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }
}

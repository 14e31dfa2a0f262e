package kiln.tokenize.spm;

/** SentencePiece's UTF-8 helpers ({@code string_util::OneCharLen}, {@code IsValidDecodeUTF8}). */
final class Utf8 {
  private Utf8() {}

  /** Length of the character starting with {@code lead}, from its high nibble alone (1 for stray bytes). */
  static int oneCharLen(byte lead) {
    int hi = (lead & 0xff) >>> 4;
    return hi < 12 ? 1 : hi < 14 ? 2 : hi == 14 ? 3 : 4;
  }

  /**
   * Length of the well-formed character at {@code b[i]} (shortest form, no surrogates, at most U+10FFFF), or
   * -1 when it is malformed (spm then substitutes U+FFFD and consumes one byte).
   */
  static int validCharLen(byte[] b, int i, int end) {
    int c0 = b[i] & 0xff;
    int len = end - i;
    if (c0 < 0x80) {
      return 1;
    }
    if (len >= 2 && (c0 & 0xe0) == 0xc0) {
      int cp = ((c0 & 0x1f) << 6) | (b[i + 1] & 0x3f);
      return trail(b[i + 1]) && cp >= 0x80 ? 2 : -1;
    }
    if (len >= 3 && (c0 & 0xf0) == 0xe0) {
      int cp = ((c0 & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
      return trail(b[i + 1]) && trail(b[i + 2]) && cp >= 0x800 && validCodepoint(cp) ? 3 : -1;
    }
    if (len >= 4 && (c0 & 0xf8) == 0xf0) {
      int cp = ((c0 & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
      return trail(b[i + 1]) && trail(b[i + 2]) && trail(b[i + 3]) && cp >= 0x10000 && validCodepoint(cp) ? 4 : -1;
    }
    return -1;
  }

  private static boolean trail(byte x) {
    return (x & 0xc0) == 0x80;
  }

  private static boolean validCodepoint(int cp) {
    return cp < 0xd800 || (cp >= 0xe000 && cp <= 0x10ffff);
  }
}

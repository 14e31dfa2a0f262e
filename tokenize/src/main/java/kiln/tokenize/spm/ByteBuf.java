package kiln.tokenize.spm;

import java.util.Arrays;

/** A reusable growable byte array (UTF-8 text between encoder steps), so a line costs no allocation. */
final class ByteBuf {
  byte[] a;
  int n;

  ByteBuf(int capacity) {
    a = new byte[Math.max(16, capacity)];
  }

  void clear() {
    n = 0;
  }

  void ensure(int extra) {
    if (n + extra > a.length) {
      a = Arrays.copyOf(a, Math.max(a.length * 2, n + extra));
    }
  }

  void add(byte b) {
    if (n == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[n++] = b;
  }

  /**
   * Appends {@code s[from, to)} as UTF-8. An unpaired surrogate becomes U+FFFD, the character a UTF-8 decoder
   * would have produced for the bytes it came from.
   */
  void addUtf8(CharSequence s, int from, int to) {
    ensure((to - from) * 3);
    byte[] b = a;
    int k = n;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[k++] = (byte) c;
      } else if (c < 0x800) {
        b[k++] = (byte) (0xc0 | (c >> 6));
        b[k++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[k++] = (byte) (0xf0 | (cp >> 18));
        b[k++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[k++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[k++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        int cp = Character.isSurrogate(c) ? 0xfffd : c;
        b[k++] = (byte) (0xe0 | (cp >> 12));
        b[k++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[k++] = (byte) (0x80 | (cp & 0x3f));
      }
    }
    n = k;
  }
}

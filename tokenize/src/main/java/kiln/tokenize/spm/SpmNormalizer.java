package kiln.tokenize.spm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import kiln.tokenize.SpmModel;

/**
 * SentencePiece's {@code normalizer::Normalizer::Normalize} over UTF-8 bytes: at each position the longest
 * user-defined symbol is kept as is, else the longest rule of the precompiled character map (e.g. NFKC) is
 * applied, else one character is copied (a malformed byte becomes U+FFFD). Leading, trailing and repeated
 * spaces are dropped ({@code remove_extra_whitespaces}), a space is prefixed ({@code add_dummy_prefix}) or
 * suffixed ({@code treat_whitespace_as_suffix}), and spaces become {@code ▁} ({@code escape_whitespaces}).
 * Not thread-safe: one per encoder.
 */
final class SpmNormalizer {
  private static final byte[] SPACE_SYMBOL = "\u2581".getBytes(StandardCharsets.UTF_8);
  private static final byte[] REPLACEMENT = "\ufffd".getBytes(StandardCharsets.UTF_8);

  private final DartsArray charsmap;
  private final byte[] replacements;
  private final int[] replacementEnd; // index of the NUL that ends the replacement string starting at i
  private final ByteTrie userSymbols;
  private final boolean addDummyPrefix;
  private final boolean removeExtraWhitespaces;
  private final boolean escapeWhitespaces;
  private final boolean whitespaceAsSuffix;

  // The current prefix's output, as (array, start, length): set by prefix(), read right after.
  private byte[] spArray;
  private int spStart;
  private int spLen;

  /** {@code userSymbols}: the model's user-defined symbols (null if none), matched before the character map. */
  SpmNormalizer(SpmModel model, ByteTrie userSymbols) {
    byte[] blob = model.precompiledCharsmap();
    if (blob.length == 0) {
      charsmap = null;
      replacements = new byte[0];
      replacementEnd = new int[0];
    } else {
      ByteBuffer bb = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
      long trieSize = bb.getInt() & 0xffffffffL;
      if (blob.length <= 4 || trieSize >= blob.length || trieSize % 4 != 0) {
        throw new IllegalArgumentException("SentencePiece model: broken precompiled_charsmap (trie size " + trieSize
            + ", blob " + blob.length + " bytes)");
      }
      int[] units = new int[(int) (trieSize / 4)];
      bb.asIntBuffer().get(units);
      charsmap = new DartsArray(units);
      replacements = java.util.Arrays.copyOfRange(blob, 4 + (int) trieSize, blob.length);
      replacementEnd = new int[replacements.length + 1];
      replacementEnd[replacements.length] = replacements.length;
      for (int i = replacements.length - 1; i >= 0; i--) {
        replacementEnd[i] = replacements[i] == 0 ? i : replacementEnd[i + 1];
      }
    }
    this.userSymbols = userSymbols;
    addDummyPrefix = model.addDummyPrefix();
    removeExtraWhitespaces = model.removeExtraWhitespaces();
    escapeWhitespaces = model.escapeWhitespaces();
    whitespaceAsSuffix = model.treatWhitespaceAsSuffix();
  }

  /** Normalizes {@code in[from, to)} into {@code out} (cleared first). */
  void normalize(byte[] in, int from, int to, ByteBuf out) {
    out.clear();
    int pos = from;
    if (removeExtraWhitespaces) {
      while (pos < to) {
        int consumed = prefix(in, pos, to);
        if (!(spLen == 1 && spArray[spStart] == ' ')) {
          break;
        }
        pos += consumed;
      }
    }
    if (pos >= to) {
      return;
    }
    out.ensure((to - pos) * 3 + 6);
    if (!whitespaceAsSuffix && addDummyPrefix) {
      addSpace(out);
    }
    boolean prevSpace = removeExtraWhitespaces;
    while (pos < to) {
      int consumed = prefix(in, pos, to);
      int s = spStart;
      int e = spStart + spLen;
      byte[] sp = spArray;
      while (prevSpace && s < e && sp[s] == ' ') {
        s++;
      }
      if (s < e) {
        out.ensure((e - s) * 3);
        for (int k = s; k < e; k++) {
          if (escapeWhitespaces && sp[k] == ' ') {
            addSpace(out);
          } else {
            out.a[out.n++] = sp[k];
          }
        }
        prevSpace = sp[e - 1] == ' ';
      }
      pos += consumed;
      if (!removeExtraWhitespaces) {
        prevSpace = false;
      }
    }
    if (removeExtraWhitespaces) {
      if (escapeWhitespaces) {
        while (out.n >= 3 && out.a[out.n - 3] == SPACE_SYMBOL[0] && out.a[out.n - 2] == SPACE_SYMBOL[1]
            && out.a[out.n - 1] == SPACE_SYMBOL[2]) {
          out.n -= 3;
        }
      } else {
        while (out.n >= 1 && out.a[out.n - 1] == ' ') {
          out.n--;
        }
      }
    }
    if (whitespaceAsSuffix && addDummyPrefix) {
      out.ensure(3);
      addSpace(out);
    }
  }

  private void addSpace(ByteBuf out) {
    if (escapeWhitespaces) {
      out.a[out.n++] = SPACE_SYMBOL[0];
      out.a[out.n++] = SPACE_SYMBOL[1];
      out.a[out.n++] = SPACE_SYMBOL[2];
    } else {
      out.a[out.n++] = ' ';
    }
  }

  /** {@code NormalizePrefix}: sets the output span and returns how many input bytes it consumed. */
  private int prefix(byte[] in, int pos, int to) {
    if (userSymbols != null) {
      int longest = userSymbols.longestKey(in, pos, to);
      if (longest > 0) {
        spArray = in;
        spStart = pos;
        spLen = longest;
        return longest;
      }
    }
    if (charsmap != null) {
      long m = charsmap.longestPrefix(in, pos, to);
      if (m >= 0) {
        int value = Math.min((int) m, replacements.length);
        spArray = replacements;
        spStart = value;
        spLen = replacementEnd[value] - value;
        return (int) (m >>> 32);
      }
    }
    int len = Utf8.validCharLen(in, pos, to);
    if (len < 0) {
      spArray = REPLACEMENT;
      spStart = 0;
      spLen = REPLACEMENT.length;
      return 1;
    }
    spArray = in;
    spStart = pos;
    spLen = len;
    return len;
  }
}

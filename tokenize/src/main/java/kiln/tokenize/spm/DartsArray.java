package kiln.tokenize.spm;

/**
 * Read-only darts-clone double array, the trie format of SentencePiece's {@code precompiled_charsmap}. Each
 * 32-bit unit packs a label (8 bits plus a leaf flag in bit 31), a has-leaf flag (bit 8) and an XOR offset to
 * its children (bits 10..31, shifted left by 8 more when bit 9 is set); a leaf unit's low 31 bits are the value.
 */
final class DartsArray {
  private final int[] units;

  DartsArray(int[] units) {
    if (units.length == 0) {
      throw new IllegalArgumentException("empty double array");
    }
    this.units = units;
  }

  private static int offset(int unit) {
    return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
  }

  private static int label(int unit) {
    return unit & (0x80000000 | 0xff);
  }

  private static boolean hasLeaf(int unit) {
    return ((unit >>> 8) & 1) == 1;
  }

  /**
   * The longest key that is a prefix of {@code key[from, to)}: returns {@code length << 32 | value}, or -1 when
   * no key matches (as {@code commonPrefixSearch} followed by taking the longest result).
   */
  long longestPrefix(byte[] key, int from, int to) {
    long best = -1;
    int pos = offset(units[0]);
    for (int i = from; i < to; i++) {
      int c = key[i] & 0xff;
      pos ^= c;
      if (pos >= units.length) {
        return best;
      }
      int unit = units[pos];
      if (label(unit) != c) {
        return best;
      }
      pos ^= offset(unit);
      if (hasLeaf(unit)) {
        best = ((long) (i + 1 - from) << 32) | (units[pos] & 0x7fffffffL);
      }
    }
    return best;
  }
}

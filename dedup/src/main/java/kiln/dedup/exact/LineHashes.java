package kiln.dedup.exact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import kiln.dedup.text.TextNormalizer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Line-level exact dedup keys (C4 / cc_net style, field survey §6.4): a line is the text between {@code \n}
 * characters (a trailing {@code \r} belongs to the line ending); its key is the first 64 bits of MurmurHash3
 * x64-128 of its {@link TextNormalizer normalised} form. Lines whose normalised form is shorter than
 * {@code minChars} UTF-16 units (blank lines included) get no key and are never removed.
 */
public final class LineHashes {
  private final int minChars;

  public LineHashes(int minChars) {
    if (minChars < 0) {
      throw new IllegalArgumentException("minChars must be >= 0, got " + minChars);
    }
    this.minChars = Math.max(1, minChars);
  }

  /** Distinct keys of the text's eligible lines, sorted. */
  public long[] distinctKeys(String text) {
    String[] lines = text.split("\n", -1);
    long[] out = new long[lines.length];
    int n = 0;
    for (String line : lines) {
      String norm = TextNormalizer.normalize(line);
      if (norm.length() >= minChars) {
        out[n++] = key(norm);
      }
    }
    long[] k = Arrays.copyOf(out, n);
    Arrays.sort(k);
    int m = 0;
    for (int i = 0; i < k.length; i++) {
      if (i == 0 || k[i] != k[i - 1]) {
        k[m++] = k[i];
      }
    }
    return Arrays.copyOf(k, m);
  }

  /** A rewritten text and how many lines left it. */
  public record Removal(String text, int removed) {}

  /**
   * The text without the lines whose key is in {@code drop} (sorted); other lines, and the {@code \n}
   * between them, are kept byte for byte.
   */
  public Removal remove(String text, long[] drop) {
    String[] lines = text.split("\n", -1);
    StringBuilder sb = new StringBuilder(text.length());
    boolean first = true;
    int removed = 0;
    for (String line : lines) {
      String norm = TextNormalizer.normalize(line);
      if (norm.length() >= minChars && Arrays.binarySearch(drop, key(norm)) >= 0) {
        removed++;
        continue;
      }
      if (!first) {
        sb.append('\n');
      }
      sb.append(line);
      first = false;
    }
    return new Removal(sb.toString(), removed);
  }

  static long key(String normalized) {
    byte[] b = normalized.getBytes(StandardCharsets.UTF_8);
    return MurmurHash3.hash128x64(b, 0, b.length, 0)[0];
  }
}

package kiln.dedup.exact;

import java.nio.charset.StandardCharsets;
import kiln.dedup.text.TextNormalizer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The exact-duplicate key of a text: 128-bit MurmurHash3 (x64, seed 0) of the UTF-8 bytes of
 * {@link TextNormalizer#normalize}, as 32 lower-case hex digits. Two documents that differ only in case,
 * accents, digits, punctuation or spacing get the same key.
 *
 * <p>128 bits keep the chance of any false collision among 10^12 documents below 10^-14 (birthday bound
 * n^2 / 2^129), so keys need no verification.
 */
public final class ExactHash {
  private ExactHash() {}

  /** Key of the normalised text. */
  public static String of(String text) {
    return ofNormalized(TextNormalizer.normalize(text));
  }

  /** Key of text that is already normalised (or must be compared byte for byte). */
  public static String ofNormalized(String normalized) {
    byte[] b = normalized.getBytes(StandardCharsets.UTF_8);
    long[] h = MurmurHash3.hash128x64(b, 0, b.length, 0);
    return String.format("%016x%016x", h[0], h[1]);
  }
}

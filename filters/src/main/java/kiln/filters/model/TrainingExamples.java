package kiln.filters.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How documents become classifier examples: one line each (DCLM's {@code text.replace("\n", " ")}, as
 * {@link kiln.filters.QualityClassifierFilter} scores them), optionally cut into paragraph-sized pieces first, and
 * which examples are held out, by a seeded hash of the example's key, never by chance.
 */
public final class TrainingExamples {
  /** Split resolution: held-out fractions are multiples of 1e-6. */
  static final long SPLIT_UNITS = 1_000_000L;

  private TrainingExamples() {}

  /** A piece of a document: {@code key} is the id, or {@code id#k} for the k-th piece of a cut document. */
  public record Piece(String key, String line) {}

  /**
   * The document as examples. {@code chunkChars} 0: the whole text, one example. Otherwise the text is cut at
   * paragraph boundaries (blank lines) into pieces of at least {@code chunkChars} characters (consecutive
   * paragraphs joined; the last piece may be shorter, a paragraph longer than that stays whole). Blank texts give
   * nothing.
   */
  public static List<Piece> pieces(String id, String text, int chunkChars) {
    List<Piece> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    if (chunkChars <= 0) {
      out.add(new Piece(id, text.replace('\n', ' ')));
      return out;
    }
    StringBuilder cur = new StringBuilder();
    for (String para : text.split("\n[ \t\r]*\n")) {
      if (para.isBlank()) {
        continue;
      }
      if (cur.length() > 0) {
        cur.append(' ');
      }
      cur.append(para.strip().replace('\n', ' '));
      if (cur.length() >= chunkChars) {
        out.add(new Piece(id + "#" + out.size(), cur.toString()));
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      out.add(new Piece(id + "#" + out.size(), cur.toString()));
    }
    if (out.size() == 1) {
      out.set(0, new Piece(id, out.get(0).line()));
    }
    return out;
  }

  /**
   * A seeded 64-bit hash of a key: FNV-1a over its UTF-8 bytes from an offset basis mixed with the seed, then
   * SplitMix64's finaliser so that every bit depends on every byte.
   */
  public static long hash(String key, long seed) {
    long h = 0xcbf29ce484222325L ^ (seed * 0x9E3779B97F4A7C15L);
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /** Held out when {@code hash(key, seed) mod 10^6 < fraction * 10^6}. */
  public static boolean heldOut(String key, long seed, double fraction) {
    return Long.remainderUnsigned(hash(key, seed), SPLIT_UNITS) < Math.round(fraction * SPLIT_UNITS);
  }

  /** The training order (and the order a per-class cap keeps): by a hash with a seed other than the split's. */
  public static long order(String key, long seed) {
    return hash(key, ~seed);
  }
}

package kiln.filters.pii;

import java.util.Locale;

/** What happens to a detected span. */
public enum PiiAction {
  /** Replace the span with the type's tag ({@code <EMAIL>}). */
  TAG,
  /** Replace every letter and digit with the mask character, keeping punctuation and length. */
  MASK,
  /** Replace with the tag carrying a salted SHA-256 prefix ({@code <EMAIL:3f2a9c0d1b7e4a55>}): stable across documents. */
  HASH,
  /** Leave the text alone; the span is still counted (and counts toward {@code max_spans}). */
  KEEP;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static String[] keys() {
    PiiAction[] vs = values();
    String[] out = new String[vs.length];
    for (int i = 0; i < vs.length; i++) {
      out[i] = vs[i].key();
    }
    return out;
  }

  public static PiiAction ofKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}

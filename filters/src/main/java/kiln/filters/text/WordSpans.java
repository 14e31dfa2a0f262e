package kiln.filters.text;

/**
 * The words of one text as character ranges into it, without a string per word: what the Gopher filters read
 * when they only need each word's characters (hash, length, letters), split once and shared by every filter of
 * the document through {@link WordCache}.
 */
public final class WordSpans {
  private final String text;
  private int[] starts;
  private int[] ends;
  private int size;

  WordSpans(String text, int expected) {
    this.text = text;
    starts = new int[Math.max(16, expected)];
    ends = new int[starts.length];
  }

  void add(int start, int end) {
    if (size == starts.length) {
      starts = java.util.Arrays.copyOf(starts, size * 2);
      ends = java.util.Arrays.copyOf(ends, size * 2);
    }
    starts[size] = start;
    ends[size++] = end;
  }

  public String text() {
    return text;
  }

  public int size() {
    return size;
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  /** Word i as a string (allocates; for the rare word that needs one). */
  public String word(int i) {
    return text.substring(starts[i], ends[i]);
  }
}

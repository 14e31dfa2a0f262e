package kiln.filters.text;

import java.util.List;

/**
 * Remembers the last split per thread, so that a chain of filters that all count words (Gopher repetition,
 * Gopher quality, FineWeb) splits each document once. Keyed on the identity of the text and the splitter.
 */
public final class WordCache {
  private WordCache() {}

  private record Entry(String text, WordSplitter splitter, List<String> words) {}

  private static final ThreadLocal<Entry> LAST = new ThreadLocal<>();

  public static List<String> words(WordSplitter splitter, String text) {
    Entry e = LAST.get();
    if (e != null && e.text == text && e.splitter == splitter) {
      return e.words;
    }
    List<String> w = java.util.Collections.unmodifiableList(splitter.words(text));
    LAST.set(new Entry(text, splitter, w));
    return w;
  }

  /** The number of words: from the last split when it was of this text, else counted without keeping them. */
  public static int count(WordSplitter splitter, String text) {
    Entry e = LAST.get();
    if (e != null && e.text == text && e.splitter == splitter) {
      return e.words.size();
    }
    return splitter.count(text);
  }
}

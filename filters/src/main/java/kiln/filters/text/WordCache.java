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

  private record SpanEntry(String text, WordSpans spans) {}

  private static final ThreadLocal<SpanEntry> LAST_SPANS = new ThreadLocal<>();

  /** ICU words of {@code text} as ranges, split once per text (per thread) for every filter that asks. */
  public static WordSpans spans(String text) {
    SpanEntry e = LAST_SPANS.get();
    if (e != null && e.text == text) {
      return e.spans;
    }
    WordSpans s = IcuWordSplitter.INSTANCE.spans(text);
    LAST_SPANS.set(new SpanEntry(text, s));
    return s;
  }

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
    SpanEntry se = LAST_SPANS.get();
    if (splitter == IcuWordSplitter.INSTANCE && se != null && se.text == text) {
      return se.spans.size();
    }
    return splitter.count(text);
  }
}

package kiln.filters;

import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigNode;

/**
 * Removes documents that are too short or too long.
 *
 * <p>Characters are Unicode code points (Python's {@code len(str)}, so an emoji counts 1, not 2 UTF-16 units);
 * words are whitespace-separated runs ({@link TextStats#whitespaceWordCount}). Rules, in order:
 * {@code min_chars} (chars &lt; min), {@code max_chars} (chars &gt; max), {@code min_words} (words &lt; min).
 * Signals: {@code chars}, {@code words}.
 */
public final class LengthFilter implements DocumentFilter {
  public static final String NAME = "length";
  public static final long DEFAULT_MIN_CHARS = 0;
  public static final long DEFAULT_MAX_CHARS = Long.MAX_VALUE;
  public static final long DEFAULT_MIN_WORDS = 0;

  private final long minChars;
  private final long maxChars;
  private final long minWords;

  public LengthFilter(long minChars, long maxChars, long minWords) {
    if (minChars < 0) {
      throw new IllegalArgumentException("min_chars: must be >= 0, got " + minChars);
    }
    if (maxChars < minChars) {
      throw new IllegalArgumentException("max_chars: must be >= min_chars (" + minChars + "), got " + maxChars);
    }
    if (minWords < 0) {
      throw new IllegalArgumentException("min_words: must be >= 0, got " + minWords);
    }
    this.minChars = minChars;
    this.maxChars = maxChars;
    this.minWords = minWords;
  }

  public static LengthFilter fromConfig(ConfigNode c) {
    long min = c.integer("min_chars", DEFAULT_MIN_CHARS, 0, Long.MAX_VALUE);
    long max = c.integer("max_chars", DEFAULT_MAX_CHARS, 0, Long.MAX_VALUE);
    long minWords = c.integer("min_words", DEFAULT_MIN_WORDS, 0, Long.MAX_VALUE);
    c.rejectUnknown();
    if (max < min) {
      throw c.error("max_chars", "must be >= min_chars (" + min + "), got " + max);
    }
    return new LengthFilter(min, max, minWords);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    String t = d.text();
    long chars = t.codePointCount(0, t.length());
    long words = minWords > 0 ? TextStats.whitespaceWordCount(t) : -1;
    Map<String, Double> sig = words < 0 ? Map.of("chars", (double) chars)
        : Map.of("chars", (double) chars, "words", (double) words);
    if (chars < minChars) {
      return FilterResult.reject("min_chars", sig);
    }
    if (chars > maxChars) {
      return FilterResult.reject("max_chars", sig);
    }
    if (words >= 0 && words < minWords) {
      return FilterResult.reject("min_words", sig);
    }
    return FilterResult.keep(sig);
  }
}

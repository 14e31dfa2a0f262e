package kiln.filters;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.text.DatatroveText;
import kiln.filters.text.IcuWordSplitter;
import kiln.filters.text.PyStr;
import kiln.filters.text.WordCache;
import kiln.filters.text.WordSpans;
import kiln.filters.text.WordSplitter;

/**
 * Gopher quality rules (Rae et al. 2021, MassiveText, App. A). Removes a document when, in order:
 * <ol>
 *   <li>{@code min_doc_words} / {@code max_doc_words}: non-symbol words n &lt; 50 or &gt; 100,000 (a non-symbol
 *       word has a character outside datatrove's PUNCTUATION_SET);
 *   <li>{@code min_avg_word_length} / {@code max_avg_word_length}: mean code-point length of non-symbol words
 *       &lt; 3 or &gt; 10;
 *   <li>{@code max_symbol_word_ratio}: count("#") / D &gt; 0.1, or (count("...") + count("…")) / D &gt; 0.1;
 *   <li>{@code max_bullet_lines_ratio}: lines (splitlines) starting, after left-strip, with "•" or "-" / lines
 *       &gt; 0.9;
 *   <li>{@code max_ellipsis_lines_ratio}: lines ending, after right-strip, with "..." or "…" / lines &gt; 0.3;
 *   <li>{@code min_alpha_words_ratio}: words holding a letter / D &lt; 0.8;
 *   <li>{@code min_stop_words}: stop words (the, be, to, of, and, that, have, with) found &lt; 2.
 * </ol>
 * Canonical: D = n (non-symbol words); the alpha ratio runs over non-symbol words; stop words count distinct
 * lower-cased words (the paper's "at least two of"). {@code compat: datatrove}: words from spaCy's English
 * tokenizer, D = all tokens including punctuation, alpha ratio = all tokens with a letter / all tokens, stop words
 * counted per occurrence, case-sensitive. A threshold of 0 disables its rule (as in datatrove).
 */
public final class GopherQualityFilter implements DocumentFilter {
  public static final String NAME = "gopher_quality";
  public static final long DEFAULT_MIN_DOC_WORDS = 50;
  public static final long DEFAULT_MAX_DOC_WORDS = 100_000;
  public static final double DEFAULT_MIN_AVG_WORD_LENGTH = 3;
  public static final double DEFAULT_MAX_AVG_WORD_LENGTH = 10;
  public static final double DEFAULT_MAX_SYMBOL_WORD_RATIO = 0.1;
  public static final double DEFAULT_MAX_BULLET_LINES_RATIO = 0.9;
  public static final double DEFAULT_MAX_ELLIPSIS_LINES_RATIO = 0.3;
  public static final double DEFAULT_MIN_ALPHA_WORDS_RATIO = 0.8;
  public static final long DEFAULT_MIN_STOP_WORDS = 2;
  public static final List<String> DEFAULT_STOP_WORDS = List.of("the", "be", "to", "of", "and", "that", "have", "with");

  private final long minDocWords;
  private final long maxDocWords;
  private final double minAvgWordLength;
  private final double maxAvgWordLength;
  private final double maxSymbolWordRatio;
  private final double maxBulletLinesRatio;
  private final double maxEllipsisLinesRatio;
  private final double minAlphaWordsRatio;
  private final long minStopWords;
  private final Set<String> stopWords;
  private final int maxStopWordLength;
  private final WordSplitter splitter;
  private final Compat compat;

  public GopherQualityFilter(long minDocWords, long maxDocWords, double minAvgWordLength, double maxAvgWordLength,
                             double maxSymbolWordRatio, double maxBulletLinesRatio, double maxEllipsisLinesRatio,
                             double minAlphaWordsRatio, long minStopWords, List<String> stopWords,
                             WordSplitter splitter, Compat compat) {
    if (minDocWords < 0) {
      throw new IllegalArgumentException("min_doc_words: must be >= 0, got " + minDocWords);
    }
    if (maxDocWords < 0) {
      throw new IllegalArgumentException("max_doc_words: must be >= 0, got " + maxDocWords);
    }
    if (minStopWords < 0) {
      throw new IllegalArgumentException("min_stop_words: must be >= 0, got " + minStopWords);
    }
    if (splitter == null) {
      throw new IllegalArgumentException("words: must not be null");
    }
    this.minDocWords = minDocWords;
    this.maxDocWords = maxDocWords;
    this.minAvgWordLength = minAvgWordLength;
    this.maxAvgWordLength = maxAvgWordLength;
    this.maxSymbolWordRatio = maxSymbolWordRatio;
    this.maxBulletLinesRatio = maxBulletLinesRatio;
    this.maxEllipsisLinesRatio = maxEllipsisLinesRatio;
    this.minAlphaWordsRatio = minAlphaWordsRatio;
    this.minStopWords = minStopWords;
    this.compat = compat;
    Set<String> sw = new HashSet<>();
    for (String w : stopWords) {
      sw.add(compat == Compat.DATATROVE ? w : w.toLowerCase(Locale.ROOT));
    }
    this.stopWords = sw;
    int longest = 0;
    for (String w : sw) {
      longest = Math.max(longest, w.length());
    }
    this.maxStopWordLength = longest;
    this.splitter = splitter;
  }

  /** Defaults (FineWeb's) with the given compat mode. */
  public static GopherQualityFilter defaults(Compat compat) {
    return fromConfig(ConfigNode.parse("compat: " + compat.name().toLowerCase(Locale.ROOT), "defaults"));
  }

  public static GopherQualityFilter fromConfig(ConfigNode c) {
    Compat compat = Compat.fromConfig(c);
    String words = c.choice("words", compat == Compat.DATATROVE ? "spacy_en" : "unicode", WordSplitter.NAMES);
    GopherQualityFilter f = new GopherQualityFilter(
        c.integer("min_doc_words", DEFAULT_MIN_DOC_WORDS, 0, Long.MAX_VALUE),
        c.integer("max_doc_words", DEFAULT_MAX_DOC_WORDS, 0, Long.MAX_VALUE),
        c.number("min_avg_word_length", DEFAULT_MIN_AVG_WORD_LENGTH, 0, 1e9),
        c.number("max_avg_word_length", DEFAULT_MAX_AVG_WORD_LENGTH, 0, 1e9),
        c.number("max_symbol_word_ratio", DEFAULT_MAX_SYMBOL_WORD_RATIO, 0, 1e9),
        c.number("max_bullet_lines_ratio", DEFAULT_MAX_BULLET_LINES_RATIO, 0, 1),
        c.number("max_ellipsis_lines_ratio", DEFAULT_MAX_ELLIPSIS_LINES_RATIO, 0, 1),
        c.number("min_alpha_words_ratio", DEFAULT_MIN_ALPHA_WORDS_RATIO, 0, 1),
        c.integer("min_stop_words", DEFAULT_MIN_STOP_WORDS, 0, Long.MAX_VALUE),
        c.strings("stop_words", DEFAULT_STOP_WORDS),
        WordSplitter.of(words), compat);
    c.rejectUnknown();
    return f;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    String text = d.text();
    boolean dt = compat == Compat.DATATROVE;
    int nAll;
    int n = 0;
    long lenSum = 0;
    int alphaAll = 0;
    int alphaNonSymbol = 0;
    int stopCount = 0;
    Set<String> stopSeen = dt ? null : new HashSet<>();
    if (!dt && splitter == IcuWordSplitter.INSTANCE) {
      // the same measurements over the shared ICU word ranges, a string only for words short enough to be stop words
      WordSpans spans = WordCache.spans(text);
      nAll = spans.size();
      for (int i = 0; i < nAll; i++) {
        int s = spans.start(i);
        int e = spans.end(i);
        boolean alpha = PyStr.hasAlpha(text, s, e);
        if (alpha) {
          alphaAll++;
        }
        if (DatatroveText.isNonSymbolWord(text, s, e)) {
          n++;
          lenSum += PyStr.len(text, s, e);
          if (alpha) {
            alphaNonSymbol++;
          }
        }
        if (e - s <= maxStopWordLength) {
          String lw = text.substring(s, e).toLowerCase(Locale.ROOT);
          if (stopWords.contains(lw)) {
            stopSeen.add(lw);
          }
        }
      }
    } else {
      List<String> words = WordCache.words(splitter, text);
      nAll = words.size();
      for (String w : words) {
        boolean alpha = PyStr.hasAlpha(w);
        if (alpha) {
          alphaAll++;
        }
        if (DatatroveText.isNonSymbolWord(w)) {
          n++;
          lenSum += PyStr.len(w);
          if (alpha) {
            alphaNonSymbol++;
          }
        }
        if (dt) {
          if (stopWords.contains(w)) {
            stopCount++;
          }
        } else if (w.length() <= maxStopWordLength) {
          String lw = w.toLowerCase(Locale.ROOT);
          if (stopWords.contains(lw)) {
            stopSeen.add(lw);
          }
        }
      }
    }
    if (!dt) {
      stopCount = stopSeen.size();
    }
    Map<String, Double> sig = new TreeMap<>();
    sig.put("words", (double) n);
    if (minDocWords > 0 && n < minDocWords) {
      return FilterResult.reject("min_doc_words", sig);
    }
    if (maxDocWords > 0 && n > maxDocWords) {
      return FilterResult.reject("max_doc_words", sig);
    }
    if (n == 0) {
      // nothing to take ratios of (datatrove would divide by zero here)
      return FilterResult.keep(sig);
    }
    double avg = (double) lenSum / n;
    sig.put("avg_word_length", avg);
    if (minAvgWordLength > 0 && avg < minAvgWordLength) {
      return FilterResult.reject("min_avg_word_length", sig);
    }
    if (maxAvgWordLength > 0 && avg > maxAvgWordLength) {
      return FilterResult.reject("max_avg_word_length", sig);
    }
    double denom = dt ? nAll : n;
    double hashRatio = PyStr.count(text, '#') / denom;
    double ellipsisRatio = (PyStr.count(text, "...") + PyStr.count(text, "…")) / denom;
    sig.put("hash_ratio", hashRatio);
    sig.put("ellipsis_ratio", ellipsisRatio);
    if (maxSymbolWordRatio > 0 && (hashRatio > maxSymbolWordRatio || ellipsisRatio > maxSymbolWordRatio)) {
      return FilterResult.reject("max_symbol_word_ratio", sig);
    }
    List<String> lines = PyStr.splitlines(text);
    if (!lines.isEmpty()) {
      int bullets = 0;
      int ellipsisLines = 0;
      for (String l : lines) {
        String ls = PyStr.lstrip(l);
        if (ls.startsWith("•") || ls.startsWith("-")) {
          bullets++;
        }
        String rs = PyStr.rstrip(l);
        if (rs.endsWith("...") || rs.endsWith("…")) {
          ellipsisLines++;
        }
      }
      double bulletRatio = (double) bullets / lines.size();
      double ellRatio = (double) ellipsisLines / lines.size();
      sig.put("bullet_lines_ratio", bulletRatio);
      sig.put("ellipsis_lines_ratio", ellRatio);
      if (maxBulletLinesRatio > 0 && bulletRatio > maxBulletLinesRatio) {
        return FilterResult.reject("max_bullet_lines_ratio", sig);
      }
      if (maxEllipsisLinesRatio > 0 && ellRatio > maxEllipsisLinesRatio) {
        return FilterResult.reject("max_ellipsis_lines_ratio", sig);
      }
    }
    double alphaRatio = dt ? (double) alphaAll / nAll : (double) alphaNonSymbol / n;
    sig.put("alpha_words_ratio", alphaRatio);
    if (minAlphaWordsRatio > 0 && alphaRatio < minAlphaWordsRatio) {
      return FilterResult.reject("min_alpha_words_ratio", sig);
    }
    sig.put("stop_words", (double) stopCount);
    if (minStopWords > 0 && stopCount < minStopWords) {
      return FilterResult.reject("min_stop_words", sig);
    }
    return FilterResult.keep(sig);
  }
}

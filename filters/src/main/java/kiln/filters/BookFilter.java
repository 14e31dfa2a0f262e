package kiln.filters;

import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.text.PyStr;

/**
 * Book heuristics (in the spirit of The Pile's Books3/PG-19 cleaning and Dolma's books rules). Removes a book
 * when, in order: {@code min_words} (whitespace words &lt; 2,000: fragments, catalogue entries, listings);
 * {@code max_symbol_ratio} (code points that are neither letters, digits, whitespace nor ordinary punctuation
 * {@code .,;:!?'"()-}, over all non-whitespace code points &gt; 0.05: tables, OCR garbage, markup);
 * {@code max_digit_ratio} (digits / non-whitespace code points &gt; 0.1: indexes, number tables);
 * {@code max_short_line_ratio} (non-blank lines with fewer than 4 words / non-blank lines &gt; 0.6: word
 * lists, tables of contents, FTP listings); {@code max_uppercase_ratio} (uppercase letters / letters &gt; 0.4).
 */
public final class BookFilter implements DocumentFilter {
  public static final String NAME = "book";
  public static final long DEFAULT_MIN_WORDS = 2000;
  public static final double DEFAULT_MAX_SYMBOL_RATIO = 0.05;
  public static final double DEFAULT_MAX_DIGIT_RATIO = 0.1;
  public static final double DEFAULT_MAX_SHORT_LINE_RATIO = 0.6;
  public static final double DEFAULT_MAX_UPPERCASE_RATIO = 0.4;
  static final String ORDINARY = ".,;:!?'\"()-‘’“”—–…_*[]";

  private final long minWords;
  private final double maxSymbolRatio;
  private final double maxDigitRatio;
  private final double maxShortLineRatio;
  private final double maxUppercaseRatio;

  public BookFilter(long minWords, double maxSymbolRatio, double maxDigitRatio, double maxShortLineRatio,
                    double maxUppercaseRatio) {
    if (minWords < 0) {
      throw new IllegalArgumentException("min_words: must be >= 0, got " + minWords);
    }
    this.minWords = minWords;
    this.maxSymbolRatio = maxSymbolRatio;
    this.maxDigitRatio = maxDigitRatio;
    this.maxShortLineRatio = maxShortLineRatio;
    this.maxUppercaseRatio = maxUppercaseRatio;
  }

  public static BookFilter fromConfig(ConfigNode c) {
    BookFilter f = new BookFilter(
        c.integer("min_words", DEFAULT_MIN_WORDS, 0, Long.MAX_VALUE),
        c.number("max_symbol_ratio", DEFAULT_MAX_SYMBOL_RATIO, 0, 1),
        c.number("max_digit_ratio", DEFAULT_MAX_DIGIT_RATIO, 0, 1),
        c.number("max_short_line_ratio", DEFAULT_MAX_SHORT_LINE_RATIO, 0, 1),
        c.number("max_uppercase_ratio", DEFAULT_MAX_UPPERCASE_RATIO, 0, 1));
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
    long words = 0;
    long nonSpace = 0;
    long symbols = 0;
    long digits = 0;
    long letters = 0;
    long upper = 0;
    long lines = 0;
    long shortLines = 0;
    long lineWords = 0;
    boolean inWord = false;
    for (int i = 0; i <= text.length(); ) {
      int cp = i < text.length() ? text.codePointAt(i) : '\n';
      i += i < text.length() ? Character.charCount(cp) : 1;
      if (cp == '\n' || cp == '\r') {
        if (lineWords > 0) {
          lines++;
          if (lineWords < 4) {
            shortLines++;
          }
        }
        lineWords = 0;
        inWord = false;
        continue;
      }
      if (PyStr.isSpace(cp)) {
        inWord = false;
        continue;
      }
      if (!inWord) {
        words++;
        lineWords++;
        inWord = true;
      }
      nonSpace++;
      if (Character.isLetter(cp)) {
        letters++;
        if (Character.isUpperCase(cp)) {
          upper++;
        }
      } else if (Character.isDigit(cp)) {
        digits++;
      } else if (ORDINARY.indexOf(cp) < 0) {
        symbols++;
      }
    }
    Map<String, Double> sig = new TreeMap<>();
    sig.put("words", (double) words);
    if (words < minWords) {
      return FilterResult.reject("min_words", sig);
    }
    double sym = (double) symbols / nonSpace;
    double dig = (double) digits / nonSpace;
    double shortR = lines == 0 ? 0 : (double) shortLines / lines;
    double up = letters == 0 ? 0 : (double) upper / letters;
    sig.put("symbol_ratio", sym);
    sig.put("digit_ratio", dig);
    sig.put("short_line_ratio", shortR);
    sig.put("uppercase_ratio", up);
    if (sym > maxSymbolRatio) {
      return FilterResult.reject("max_symbol_ratio", sig);
    }
    if (dig > maxDigitRatio) {
      return FilterResult.reject("max_digit_ratio", sig);
    }
    if (shortR > maxShortLineRatio) {
      return FilterResult.reject("max_short_line_ratio", sig);
    }
    if (up > maxUppercaseRatio) {
      return FilterResult.reject("max_uppercase_ratio", sig);
    }
    return FilterResult.keep(sig);
  }
}

package kiln.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.text.PyStr;

/**
 * RefinedWeb / DCLM line-level corrections ({@code dclm_baseline_refinedweb.yaml}), then a document guard.
 * Per line (LF-split, CRLF normalised), in order:
 * <ul>
 *   <li>{@code counters}: drop lines that are only a social counter ("12 likes", "3.4K shares", "Comments: 5");
 *   <li>{@code max_uppercase_ratio} (0.5): drop lines whose uppercase letters / code points &gt; 0.5;
 *   <li>{@code max_numeric_ratio} (0.999999): drop lines whose digits / code points &gt; the ratio;
 *   <li>{@code remove_substrings} (["items in cart"]): drop lines containing one;
 *   <li>{@code remove_suffixes} (["Read more...", "Read more"]): cut the suffix off the line;
 *   <li>{@code remove_prefixes} (["Sign-in"]): cut the prefix off lines of at most 10 words;
 *   <li>{@code min_words_per_line} (2): drop lines with fewer whitespace words (blank lines are kept as
 *       paragraph breaks).
 * </ul>
 * Guard: the document is removed (rule {@code max_word_removal_ratio}) when the edits removed more than 5% of
 * its whitespace words: (words before - words after) / words before &gt; 0.05. Otherwise the text is rewritten.
 */
public final class LineModifierFilter implements DocumentFilter {
  public static final String NAME = "line_modifier";
  public static final double DEFAULT_MAX_UPPERCASE_RATIO = 0.5;
  public static final double DEFAULT_MAX_NUMERIC_RATIO = 0.999999;
  public static final long DEFAULT_MIN_WORDS_PER_LINE = 2;
  public static final double DEFAULT_MAX_WORD_REMOVAL_RATIO = 0.05;
  public static final List<String> DEFAULT_REMOVE_SUBSTRINGS = List.of("items in cart");
  public static final List<String> DEFAULT_REMOVE_SUFFIXES = List.of("Read more...", "Read more");
  public static final List<String> DEFAULT_REMOVE_PREFIXES = List.of("Sign-in");

  static final Pattern COUNTER = Pattern.compile(
      "^\\W*(?:\\d[\\d,.]*\\s*[kKmMbB]?\\s+(?:likes?|shares?|comments?|retweets?|reposts?|views?|followers?|"
          + "replies|reply|upvotes?|downvotes?|downloads?|bookmarks?)|(?:likes?|shares?|comments?|retweets?|views?|"
          + "followers?|replies)\\s*:?\\s*\\d[\\d,.]*\\s*[kKmMbB]?)\\W*$", Pattern.CASE_INSENSITIVE);

  private final boolean counters;
  private final double maxUppercaseRatio;
  private final double maxNumericRatio;
  private final List<String> removeSubstrings;
  private final List<String> removeSuffixes;
  private final List<String> removePrefixes;
  private final long minWordsPerLine;
  private final double maxWordRemovalRatio;

  public LineModifierFilter(boolean counters, double maxUppercaseRatio, double maxNumericRatio,
                            List<String> removeSubstrings, List<String> removeSuffixes, List<String> removePrefixes,
                            long minWordsPerLine, double maxWordRemovalRatio) {
    this.counters = counters;
    this.maxUppercaseRatio = maxUppercaseRatio;
    this.maxNumericRatio = maxNumericRatio;
    this.removeSubstrings = removeSubstrings.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    this.removeSuffixes = List.copyOf(removeSuffixes);
    this.removePrefixes = List.copyOf(removePrefixes);
    this.minWordsPerLine = minWordsPerLine;
    this.maxWordRemovalRatio = maxWordRemovalRatio;
  }

  public static LineModifierFilter fromConfig(ConfigNode c) {
    LineModifierFilter f = new LineModifierFilter(
        c.bool("counters", true),
        c.number("max_uppercase_ratio", DEFAULT_MAX_UPPERCASE_RATIO, 0, 1),
        c.number("max_numeric_ratio", DEFAULT_MAX_NUMERIC_RATIO, 0, 1),
        c.strings("remove_substrings", DEFAULT_REMOVE_SUBSTRINGS),
        c.strings("remove_suffixes", DEFAULT_REMOVE_SUFFIXES),
        c.strings("remove_prefixes", DEFAULT_REMOVE_PREFIXES),
        c.integer("min_words_per_line", DEFAULT_MIN_WORDS_PER_LINE, 0, 1000),
        c.number("max_word_removal_ratio", DEFAULT_MAX_WORD_REMOVAL_RATIO, 0, 1));
    c.rejectUnknown();
    return f;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    String text = d.text().indexOf('\r') >= 0 ? d.text().replace("\r\n", "\n").replace('\r', '\n') : d.text();
    int before = 0;
    int after = 0;
    int droppedLines = 0;
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      int words = PyStr.split(line).size();
      before += words;
      if (words == 0) {
        out.add(line);
        continue;
      }
      String l = edit(line, words);
      if (l == null) {
        droppedLines++;
        continue;
      }
      after += PyStr.split(l).size();
      out.add(l);
    }
    Map<String, Double> sig = new TreeMap<>();
    double removed = before == 0 ? 0 : (double) (before - after) / before;
    sig.put("word_removal_ratio", removed);
    sig.put("lines_dropped", (double) droppedLines);
    if (removed > maxWordRemovalRatio) {
      return FilterResult.reject("max_word_removal_ratio", sig);
    }
    String joined = String.join("\n", out);
    return joined.equals(d.text()) ? FilterResult.keep(sig) : FilterResult.rewrite(d.withText(joined), sig);
  }

  /** The edited line, or null when the line is dropped. */
  String edit(String line, int words) {
    if (counters && COUNTER.matcher(line.strip()).matches()) {
      return null;
    }
    int chars = 0;
    int upper = 0;
    int digits = 0;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      chars++;
      if (Character.isUpperCase(cp)) {
        upper++;
      } else if (Character.isDigit(cp)) {
        digits++;
      }
      i += Character.charCount(cp);
    }
    if ((double) upper / chars > maxUppercaseRatio || (double) digits / chars > maxNumericRatio) {
      return null;
    }
    String lower = line.toLowerCase(Locale.ROOT);
    for (String s : removeSubstrings) {
      if (lower.contains(s)) {
        return null;
      }
    }
    String l = PyStr.rstrip(line);
    for (String s : removeSuffixes) {
      if (l.endsWith(s)) {
        l = PyStr.rstrip(l.substring(0, l.length() - s.length()));
        break;
      }
    }
    if (words <= 10) {
      String ls = PyStr.lstrip(l);
      for (String p : removePrefixes) {
        if (ls.startsWith(p)) {
          l = PyStr.lstrip(ls.substring(p.length()));
          break;
        }
      }
    }
    if (PyStr.split(l).size() < minWordsPerLine) {
      return null;
    }
    return l;
  }
}

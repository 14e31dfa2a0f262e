package kiln.filters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import kiln.core.Document;
import kiln.core.config.ConfigNode;

/**
 * C4's bad-words rule (TFDS {@code c4_utils}, datatrove {@code C4BadWordsFilter} with keep_fraction 0): removes a
 * page whose lower-cased text contains a listed word, flanked by non-word characters (Python's Unicode {@code \W})
 * or the text ends: {@code (?:\W|^)(w1|w2|...)(?:\W|$)}. For languages written without spaces ({@code no_boundaries},
 * default ja, th, zh, matched against the document's {@code lang}) any occurrence counts. The list comes from
 * {@code words_file} (one word per line; Kiln ships only a tiny example list, not LDNOOBW). Rule: {@code words_file}.
 */
public final class C4BadWordsFilter implements DocumentFilter {
  public static final String NAME = "c4_bad_words";
  public static final List<String> DEFAULT_NO_BOUNDARIES = List.of("ja", "th", "zh");

  private final Pattern bounded;
  private final Pattern unbounded;
  private final Set<String> noBoundaries;

  public C4BadWordsFilter(Set<String> words, List<String> noBoundaries) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("words_file: the list is empty");
    }
    // longest first: Python's alternation is ordered too, and a longer phrase must win over its prefix
    List<String> sorted = new ArrayList<>(words);
    sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
    StringBuilder alt = new StringBuilder();
    for (String w : sorted) {
      alt.append(alt.length() == 0 ? "" : "|").append(Pattern.quote(w));
    }
    this.bounded = Pattern.compile("(?:\\W|^)(" + alt + ")(?:\\W|$)", Pattern.UNICODE_CHARACTER_CLASS);
    this.unbounded = Pattern.compile(alt.toString());
    this.noBoundaries = Set.copyOf(noBoundaries);
  }

  public static C4BadWordsFilter fromConfig(ConfigNode c) {
    Set<String> words = WordLists.fromConfig(c, "words_file");
    if (words.isEmpty()) {
      throw c.error("words_file", "is required and must name a non-empty list");
    }
    C4BadWordsFilter f = new C4BadWordsFilter(words, c.strings("no_boundaries", DEFAULT_NO_BOUNDARIES));
    c.rejectUnknown();
    return f;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    String lower = d.text().toLowerCase(Locale.ROOT);
    Pattern p = d.lang() != null && noBoundaries.contains(d.lang()) ? unbounded : bounded;
    return p.matcher(lower).find() ? FilterResult.reject("words_file") : FilterResult.keep();
  }
}

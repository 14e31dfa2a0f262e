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
import kiln.filters.text.SpacyEnglishTokenizer;

/**
 * C4's line cleaning and page rules (Raffel et al. 2020; TFDS {@code c4_utils.clean_page}; datatrove
 * {@code C4QualityFilter}). Each line (splitlines, stripped) is dropped when: a whitespace word is longer than
 * {@code max_word_length} (1000 code points); it does not end in . ? ! " ' or ends in "..." ({@code terminal_punct},
 * off by default as in FineWeb); it has fewer than {@code min_words_per_line} (3) whitespace words; it contains
 * "javascript" ({@code javascript}); it contains a cookie/terms-of-use phrase ({@code policy}). Wikipedia citation
 * marks [1], [edit], [citation needed] are removed first ({@code remove_citations}). The page is removed when a
 * kept-so-far line contains "lorem ipsum" (rule {@code lorem_ipsum}) or "{" (rule {@code curly_bracket}), or when the
 * kept lines hold fewer than {@code min_num_sentences} (5) sentences. Kept pages are rewritten as the kept lines
 * joined with LF.
 *
 * <p>Sentences: canonical = runs ending in . ! ? (or 。！？) followed by a space or the line end, that contain a
 * letter or digit; {@code compat: datatrove} = spaCy's rule-based sentencizer over spaCy's English tokens.
 */
public final class C4QualityFilter implements DocumentFilter {
  public static final String NAME = "c4_quality";
  public static final long DEFAULT_MIN_NUM_SENTENCES = 5;
  public static final long DEFAULT_MIN_WORDS_PER_LINE = 3;
  public static final long DEFAULT_MAX_WORD_LENGTH = 1000;

  static final Pattern CITATION = Pattern.compile("\\[\\d*]|\\[edit]|\\[citation needed]");
  /** datatrove's CITATION_REGEX as Python reads it: {@code \d} in a str pattern is any Unicode decimal digit. */
  static final Pattern CITATION_DT = Pattern.compile(CITATION.pattern(), Pattern.UNICODE_CHARACTER_CLASS);
  static final String[] END_PUNCTUATION = {".", "?", "!", "\"", "'"};
  static final String[] POLICY = {"terms of use", "privacy policy", "cookie policy", "uses cookies",
      "use of cookies", "use cookies"};

  private final boolean removeCitations;
  private final boolean terminalPunct;
  private final long minNumSentences;
  private final long minWordsPerLine;
  private final long maxWordLength;
  private final boolean loremIpsum;
  private final boolean javascript;
  private final boolean curlyBracket;
  private final boolean policy;
  private final Compat compat;

  public C4QualityFilter(boolean removeCitations, boolean terminalPunct, long minNumSentences, long minWordsPerLine,
                         long maxWordLength, boolean loremIpsum, boolean javascript, boolean curlyBracket,
                         boolean policy, Compat compat) {
    this.removeCitations = removeCitations;
    this.terminalPunct = terminalPunct;
    this.minNumSentences = minNumSentences;
    this.minWordsPerLine = minWordsPerLine;
    this.maxWordLength = maxWordLength;
    this.loremIpsum = loremIpsum;
    this.javascript = javascript;
    this.curlyBracket = curlyBracket;
    this.policy = policy;
    this.compat = compat;
  }

  public static C4QualityFilter defaults(Compat compat) {
    return fromConfig(ConfigNode.parse("compat: " + compat.name().toLowerCase(Locale.ROOT), "defaults"));
  }

  public static C4QualityFilter fromConfig(ConfigNode c) {
    C4QualityFilter f = new C4QualityFilter(
        c.bool("remove_citations", true),
        c.bool("terminal_punct", false),
        c.integer("min_num_sentences", DEFAULT_MIN_NUM_SENTENCES, -1, Long.MAX_VALUE),
        c.integer("min_words_per_line", DEFAULT_MIN_WORDS_PER_LINE, -1, Long.MAX_VALUE),
        c.integer("max_word_length", DEFAULT_MAX_WORD_LENGTH, -1, Long.MAX_VALUE),
        c.bool("lorem_ipsum", true),
        c.bool("javascript", true),
        c.bool("curly_bracket", true),
        c.bool("policy", true),
        Compat.fromConfig(c));
    c.rejectUnknown();
    return f;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    List<String> lines = PyStr.splitlines(d.text());
    int sentences = 0;
    int dropped = 0;
    List<String> kept = new ArrayList<>();
    for (String raw : lines) {
      String line = PyStr.strip(raw);
      int words = wordCount(line);
      if (words < 0) {
        dropped++;
        continue;
      }
      if (removeCitations && line.indexOf('[') >= 0) {
        line = (compat == Compat.DATATROVE ? CITATION_DT : CITATION).matcher(line).replaceAll("");
      }
      if (terminalPunct && (!endsWithAny(line, END_PUNCTUATION) || line.endsWith("..."))) {
        dropped++;
        continue;
      }
      if (words < minWordsPerLine) {
        dropped++;
        continue;
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (loremIpsum && lower.contains("lorem ipsum")) {
        return FilterResult.reject("lorem_ipsum");
      }
      if (javascript && lower.contains("javascript")) {
        dropped++;
        continue;
      }
      if (curlyBracket && line.indexOf('{') >= 0) {
        return FilterResult.reject("curly_bracket");
      }
      if (policy && containsAny(lower, POLICY)) {
        dropped++;
        continue;
      }
      sentences += compat == Compat.DATATROVE ? SpacyEnglishTokenizer.INSTANCE.sentenceCount(line)
          : countSentences(line);
      kept.add(line);
    }
    Map<String, Double> sig = new TreeMap<>();
    sig.put("sentences", (double) sentences);
    sig.put("lines_dropped", (double) dropped);
    if (sentences < minNumSentences) {
      return FilterResult.reject("min_num_sentences", sig);
    }
    String out = PyStr.strip(String.join("\n", kept));
    return out.equals(d.text()) ? FilterResult.keep(sig) : FilterResult.rewrite(d.withText(out), sig);
  }

  /**
   * {@code len(line.split())}, or -1 when a word is longer than {@code max_word_length} code points; counted in
   * place, without a string per word.
   */
  private int wordCount(String line) {
    int count = 0;
    long wordLen = 0;
    boolean tooLong = false;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      if (PyStr.isSpace(cp)) {
        wordLen = 0;
      } else {
        if (wordLen++ == 0) {
          count++;
        }
        if (maxWordLength != -1 && wordLen > maxWordLength) {
          tooLong = true;
        }
      }
    }
    return tooLong ? -1 : count;
  }

  static boolean endsWithAny(String s, String[] ends) {
    for (String e : ends) {
      if (s.endsWith(e)) {
        return true;
      }
    }
    return false;
  }

  static boolean containsAny(String s, String[] subs) {
    for (String e : subs) {
      if (s.contains(e)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTerminal(int cp) {
    return cp == '.' || cp == '!' || cp == '?' || cp == '。' || cp == '！' || cp == '？';
  }

  /**
   * Canonical sentence count: a sentence ends at a run of . ! ? (。！？) followed by whitespace or the end of the
   * line; only pieces holding a letter or digit count.
   */
  static int countSentences(String line) {
    int count = 0;
    boolean content = false;
    int n = line.length();
    for (int i = 0; i < n; ) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        content = true;
      } else if (isTerminal(cp)) {
        int j = i;
        while (j < n && (isTerminal(line.codePointAt(j)) || line.charAt(j) == '"' || line.charAt(j) == '\''
            || line.charAt(j) == '”' || line.charAt(j) == ')')) {
          j += Character.charCount(line.codePointAt(j));
        }
        if (j == n || PyStr.isSpace(line.codePointAt(j))) {
          if (content) {
            count++;
          }
          content = false;
          i = j;
        }
      }
    }
    if (content) {
      count++;
    }
    return count;
  }
}

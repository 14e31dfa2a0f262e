package kiln.dedup.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into sentences that cover it without gaps, so that removing some of them and joining the rest
 * gives back the other sentences byte for byte.
 *
 * <p>Rule (close to the canonical sentence {@code C4QualityFilter} counts, with a few more closing marks): a
 * line break always ends a sentence; inside a line a sentence ends after a run of terminal marks
 * {@code . ! ? 。 ！ ？}, optionally followed by closing quotes or brackets ({@code " ' ” ’ ) ] »}), when the
 * next character is whitespace or the line ends. The whitespace after a sentence belongs to it. A piece
 * without any letter or digit ({@code "..."}, {@code "* * *"}) is not a sentence of its own: it is glued to
 * the sentence before it on the same line, or to the one after it when it opens the line. A line without a
 * letter or digit has no sentence at all.
 *
 * <p>Deviation from C4 and datatrove, which use NLTK's Punkt model: no abbreviation list, so
 * {@code "Mr. Smith"} is two sentences. For dedup only consistency matters (the same text always splits the
 * same way), and a rule with no model never changes between versions.
 */
public final class SentenceSplitter {
  private SentenceSplitter() {}

  /** A sentence: {@code [start, end)} in UTF-16 units of the text, trailing whitespace included. */
  public record Sentence(int line, int start, int end) {}

  /** Sentences of {@code text} in order; {@code line} is the 0-based index of the {@code \n}-separated line. */
  public static List<Sentence> split(String text) {
    List<Sentence> out = new ArrayList<>();
    int lineStart = 0;
    int line = 0;
    while (true) {
      int nl = text.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? text.length() : nl;
      splitLine(text, lineStart, lineEnd, line, out);
      if (nl < 0) {
        return out;
      }
      lineStart = nl + 1;
      line++;
    }
  }

  /** Number of sentences of {@code text}. */
  public static int count(String text) {
    return split(text).size();
  }

  private static void splitLine(String s, int from, int to, int line, List<Sentence> out) {
    // Raw pieces ending at sentence breaks; then pieces without a letter or digit merge into a neighbour.
    List<int[]> pieces = new ArrayList<>();
    int start = from;
    int i = from;
    while (i < to) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!isTerminal(cp)) {
        continue;
      }
      int j = i;
      while (j < to && isTerminal(s.codePointAt(j))) {
        j += Character.charCount(s.codePointAt(j));
      }
      while (j < to && isCloser(s.charAt(j))) {
        j++;
      }
      if (j == to || Character.isWhitespace(s.codePointAt(j))) {
        while (j < to && Character.isWhitespace(s.codePointAt(j))) {
          j += Character.charCount(s.codePointAt(j));
        }
        pieces.add(new int[] {start, j});
        start = j;
      }
      i = j;
    }
    if (start < to) {
      pieces.add(new int[] {start, to});
    }
    int first = out.size();
    int pendingStart = -1;
    for (int[] p : pieces) {
      boolean content = hasLetterOrDigit(s, p[0], p[1]);
      if (content) {
        out.add(new Sentence(line, pendingStart >= 0 ? pendingStart : p[0], p[1]));
        pendingStart = -1;
      } else if (out.size() > first) {
        Sentence prev = out.remove(out.size() - 1);
        out.add(new Sentence(line, prev.start(), p[1]));
      } else if (pendingStart < 0) {
        pendingStart = p[0];
      }
    }
  }

  private static boolean isTerminal(int cp) {
    return cp == '.' || cp == '!' || cp == '?' || cp == '。' || cp == '！' || cp == '？';
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' || c == '»';
  }

  private static boolean hasLetterOrDigit(String s, int from, int to) {
    for (int i = from; i < to; ) {
      int cp = s.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }
}

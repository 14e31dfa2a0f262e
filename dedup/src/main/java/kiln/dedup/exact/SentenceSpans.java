package kiln.dedup.exact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import kiln.dedup.text.SentenceSplitter;
import kiln.dedup.text.SentenceSplitter.Sentence;
import kiln.dedup.text.TextNormalizer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Keys of n-sentence spans, for C4's "discard all but one of any three-sentence span occurring more than
 * once in the data set" (Raffel et al. 2020, §2.2; datatrove {@code SentenceDedup}; field survey §6.4).
 *
 * <p>Sentences come from {@link SentenceSplitter}. The span starting at sentence p (0-based, p in
 * [0, S - n] for S sentences; none when S &lt; n) is keyed by the first 64 bits of MurmurHash3 x64-128 of
 * the UTF-8 bytes of its n {@link TextNormalizer normalised} sentences joined by one space. A span whose
 * normalised form is empty gets no key. With 64 bits the expected number of false collisions among N
 * distinct spans is N^2 / 2^65, about 0.3 at N = 10^9; a collision removes n sentences it should not.
 *
 * <p>{@link #remove} deletes the sentences of the given spans and reports what is left, so a document that
 * shrank too much can be rejected (datatrove's {@code min_doc_words}, {@code min_num_sentences}).
 */
public final class SentenceSpans {
  public static final int DEFAULT_N_SENTENCES = 3;

  private final int n;

  public SentenceSpans(int nSentences) {
    if (nSentences < 1) {
      throw new IllegalArgumentException("nSentences must be >= 1, got " + nSentences);
    }
    this.n = nSentences;
  }

  /** Start positions and keys of the spans that have a key, in position order. */
  public record Keys(int[] positions, long[] keys) {}

  public Keys keys(String text) {
    List<Sentence> sentences = SentenceSplitter.split(text);
    int spans = sentences.size() - n + 1;
    if (spans <= 0) {
      return new Keys(new int[0], new long[0]);
    }
    String[] norm = new String[sentences.size()];
    for (int i = 0; i < norm.length; i++) {
      Sentence s = sentences.get(i);
      norm[i] = TextNormalizer.normalize(text.substring(s.start(), s.end()));
    }
    int[] pos = new int[spans];
    long[] keys = new long[spans];
    int m = 0;
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < spans; p++) {
      sb.setLength(0);
      for (int j = p; j < p + n; j++) {
        if (!norm[j].isEmpty()) {
          if (sb.length() > 0) {
            sb.append(' ');
          }
          sb.append(norm[j]);
        }
      }
      if (sb.length() == 0) {
        continue;
      }
      byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
      pos[m] = p;
      keys[m] = MurmurHash3.hash128x64(b, 0, b.length, 0)[0];
      m++;
    }
    return new Keys(Arrays.copyOf(pos, m), Arrays.copyOf(keys, m));
  }

  /**
   * A rewritten text.
   *
   * @param removed   sentences removed
   * @param sentences sentences left
   * @param words     words left: runs of non-spaces of the normalised text
   */
  public record Removal(String text, int removed, int sentences, int words) {}

  /**
   * Removes every sentence covered by a span starting at one of {@code starts} (any order, repeats allowed).
   * A line that loses sentences keeps its other sentences byte for byte and loses trailing spaces; a line
   * that loses all of them disappears with its line break; lines without sentences are kept as they are.
   */
  public Removal remove(String text, int[] starts) {
    List<Sentence> sentences = SentenceSplitter.split(text);
    boolean[] drop = new boolean[sentences.size()];
    for (int p : starts) {
      for (int j = Math.max(0, p); j < Math.min(drop.length, p + n); j++) {
        drop[j] = true;
      }
    }
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    int si = 0;
    int lineStart = 0;
    int removed = 0;
    boolean first = true;
    for (int li = 0; li < lines.length; li++) {
      String line = lines[li];
      int total = 0;
      int dropped = 0;
      StringBuilder kept = new StringBuilder(line.length());
      while (si < sentences.size() && sentences.get(si).line() == li) {
        Sentence s = sentences.get(si);
        total++;
        // Sentences cover their line without gaps: keeping some and joining them loses nothing else.
        if (drop[si]) {
          dropped++;
        } else {
          kept.append(text, s.start(), s.end());
        }
        si++;
      }
      String rebuilt;
      if (dropped == 0) {
        rebuilt = line;
      } else {
        removed += dropped;
        if (dropped == total) {
          lineStart += line.length() + 1;
          continue;
        }
        rebuilt = stripTrailing(kept);
      }
      if (!first) {
        out.append('\n');
      }
      out.append(rebuilt);
      first = false;
      lineStart += line.length() + 1;
    }
    String result = out.toString();
    int words = 0;
    String norm = TextNormalizer.normalize(result);
    if (!norm.isEmpty()) {
      words = 1;
      for (int i = 0; i < norm.length(); i++) {
        if (norm.charAt(i) == ' ') {
          words++;
        }
      }
    }
    return new Removal(result, removed, sentences.size() - removed, words);
  }

  private static String stripTrailing(StringBuilder sb) {
    int end = sb.length();
    while (end > 0 && (sb.charAt(end - 1) == ' ' || sb.charAt(end - 1) == '\t')) {
      end--;
    }
    return sb.substring(0, end);
  }
}

package kiln.filters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.Reasons;
import kiln.core.config.ConfigNode;
import kiln.filters.decontam.NGramIndex;

/**
 * Removes documents that contain benchmark text (GPT-3 / MT-NLG style): any word n-gram (default n = 13) of a
 * benchmark set given as files. Words are lower-cased letter/digit runs ({@link NGramIndex}). The rule is the
 * benchmark's config key, so stats count matches per benchmark ({@code decontamination:gsm8k}); with several
 * benchmarks matching, the first in config order is the reason. Signals: {@code matches} (n-gram hits).
 *
 * <p>{@code mode: drop} (default) removes the document. {@code mode: cut} (NeMo Curator style) removes
 * {@code cut_chars} (200) characters on each side of every matched span and keeps the rest, joined by a blank
 * line, dropping pieces shorter than {@code min_fragment_chars} (200); the document is removed when nothing
 * is left or it would be cut into more than {@code max_splits} (10) pieces (rule {@code max_splits}).
 *
 * <pre>
 * decontamination:
 *   n: 13
 *   benchmarks:
 *     gsm8k: {path: /data/decontam/gsm8k/test.jsonl, fields: [question, answer]}
 *     truthfulqa: {path: /data/decontam/truthfulqa/TruthfulQA.csv, fields: [Question, Best Answer]}
 * </pre>
 */
public final class DecontaminationFilter implements DocumentFilter {
  public static final String NAME = "decontamination";
  public static final int DEFAULT_N = 13;
  public static final int DEFAULT_MIN_WORDS = 8;
  public static final int DEFAULT_CUT_CHARS = 200;
  public static final int DEFAULT_MIN_FRAGMENT_CHARS = 200;
  public static final int DEFAULT_MAX_SPLITS = 10;

  private final NGramIndex index;
  private final boolean cut;
  private final int cutChars;
  private final int minFragmentChars;
  private final int maxSplits;

  public DecontaminationFilter(NGramIndex index, boolean cut, int cutChars, int minFragmentChars, int maxSplits) {
    if (index == null || index.names().isEmpty()) {
      throw new IllegalArgumentException("benchmarks: at least one benchmark is needed");
    }
    this.index = index;
    this.cut = cut;
    this.cutChars = cutChars;
    this.minFragmentChars = minFragmentChars;
    this.maxSplits = maxSplits;
  }

  public static DecontaminationFilter fromConfig(ConfigNode c) {
    int n = (int) c.integer("n", DEFAULT_N, 1, 1000);
    int minWords = (int) c.integer("min_words", DEFAULT_MIN_WORDS, 1, 1000);
    NGramIndex index = new NGramIndex(n, minWords);
    Map<String, ConfigNode> benches = c.namedChildren("benchmarks");
    if (benches.isEmpty()) {
      throw c.error("benchmarks", "needs at least one benchmark");
    }
    for (Map.Entry<String, ConfigNode> e : benches.entrySet()) {
      String name = e.getKey();
      ConfigNode b = e.getValue();
      if (!name.matches("[a-z0-9_]+")) {
        throw b.error(null, "benchmark names must be snake_case (they become reasons), got '" + name + "'");
      }
      Path path = Path.of(b.string("path"));
      List<String> fields = b.strings("fields", List.of("text"));
      b.rejectUnknown();
      try {
        index.load(name, path, fields);
      } catch (IOException | RuntimeException ex) {
        throw b.error("path", "cannot read benchmark: " + ex.getMessage());
      }
    }
    String mode = c.choice("mode", "drop", "drop", "cut");
    DecontaminationFilter f = new DecontaminationFilter(index, mode.equals("cut"),
        (int) c.integer("cut_chars", DEFAULT_CUT_CHARS, 0, 1_000_000),
        (int) c.integer("min_fragment_chars", DEFAULT_MIN_FRAGMENT_CHARS, 0, 1_000_000),
        (int) c.integer("max_splits", DEFAULT_MAX_SPLITS, 1, 1_000_000));
    c.rejectUnknown();
    return f;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    List<NGramIndex.Word> ws = NGramIndex.words(d.text());
    List<NGramIndex.Match> matches = index.find(ws);
    if (matches.isEmpty()) {
      return FilterResult.keep(Map.of("matches", 0.0));
    }
    long bits = 0;
    for (NGramIndex.Match m : matches) {
      bits |= m.benchmarks();
    }
    Map<String, Double> sig = new TreeMap<>();
    sig.put("matches", (double) matches.size());
    String first = index.names().get(Long.numberOfTrailingZeros(bits));
    for (int i = 0; i < index.names().size(); i++) {
      if ((bits & (1L << i)) != 0) {
        sig.put("matches." + index.names().get(i), 1.0);
      }
    }
    if (!cut) {
      return FilterResult.reject(first, sig);
    }
    // merge matched char spans widened by cutChars, keep what lies between them
    String text = d.text();
    List<int[]> spans = new ArrayList<>();
    for (NGramIndex.Match m : matches) {
      int s = Math.max(0, ws.get(m.from()).start() - cutChars);
      int e = Math.min(text.length(), ws.get(m.to() - 1).end() + cutChars);
      if (!spans.isEmpty() && s <= spans.get(spans.size() - 1)[1]) {
        spans.get(spans.size() - 1)[1] = Math.max(spans.get(spans.size() - 1)[1], e);
      } else {
        spans.add(new int[] {s, e});
      }
    }
    List<String> pieces = new ArrayList<>();
    int pos = 0;
    for (int[] sp : spans) {
      addPiece(text.substring(pos, sp[0]), pieces);
      pos = sp[1];
    }
    addPiece(text.substring(pos), pieces);
    if (pieces.size() > maxSplits) {
      return FilterResult.reject("max_splits", sig);
    }
    if (pieces.isEmpty()) {
      return FilterResult.reject(first, sig);
    }
    return FilterResult.rewrite(d.withText(String.join("\n\n", pieces)), sig);
  }

  private void addPiece(String s, List<String> pieces) {
    String t = s.strip();
    if (t.length() >= minFragmentChars && !t.isEmpty()) {
      pieces.add(t);
    }
  }

  /** For tests and reports: the reason a drop for benchmark {@code name} carries. */
  public static String reasonFor(String name) {
    return Reasons.of(NAME, name);
  }
}

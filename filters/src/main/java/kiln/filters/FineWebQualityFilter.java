package kiln.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.text.DatatroveText;
import kiln.filters.text.PyStr;
import kiln.filters.text.WordCache;
import kiln.filters.text.WordSplitter;

/**
 * FineWeb's own filters (Penedo et al. 2024; datatrove {@code FineWebQualityFilter}). Lines L = the non-blank
 * lines. Removes a document when, in order:
 * <ul>
 *   <li>{@code line_punct_thr}: (lines ending with a terminal punctuation mark) / |L| &lt; 0.12 (a ratio of 0 is
 *       spared when {@code line_punct_exclude_zero});
 *   <li>{@code short_line_thr}: (lines with at most {@code short_line_length} = 30 code points) / |L| &gt; 0.67;
 *   <li>{@code char_duplicates_ratio}: code points in extra copies of repeated lines / code points of the text
 *       without LF &gt; 0.01;
 *   <li>{@code new_line_ratio}: count of LF / words &gt; 0.3.
 * </ul>
 * Rule {@code empty} fires when there is no non-blank line. Canonical: CRLF and CR become LF first, lines are
 * right-stripped before the punctuation test, terminal marks are {@link #CANONICAL_TERMINAL}, words from the
 * configured splitter. {@code compat: datatrove}: lines are {@code text.split("\n")} as is (so CRLF text never ends
 * a line in punctuation), terminal marks are exactly datatrove's TERMINAL_PUNCTUATION
 * ({@link DatatroveText#TERMINAL}), words are spaCy English tokens.
 */
public final class FineWebQualityFilter implements DocumentFilter {
  public static final String NAME = "fineweb_quality";
  public static final double DEFAULT_LINE_PUNCT_THR = 0.12;
  public static final double DEFAULT_SHORT_LINE_THR = 0.67;
  public static final long DEFAULT_SHORT_LINE_LENGTH = 30;
  public static final double DEFAULT_CHAR_DUPLICATES_RATIO = 0.01;
  public static final double DEFAULT_NEW_LINE_RATIO = 0.3;

  /**
   * Terminal marks of the canonical mode: datatrove's TERMINAL_PUNCTUATION plus the ASCII and the right double
   * quotation mark (a quoted sentence ends its line: {@code He said "Stop."}) and the two-character entry
   * {@code ",\uff0c"}. This is the set the canonical mode has used since it was written; it is kept so that
   * canonical verdicts do not move when the datatrove copy was corrected to datatrove's own set.
   */
  public static final String[] CANONICAL_TERMINAL = canonicalTerminal();

  private static String[] canonicalTerminal() {
    List<String> marks = new ArrayList<>(List.of(DatatroveText.TERMINAL));
    marks.add("\"");
    marks.add("\u201d");
    marks.add(",\uff0c");
    return marks.toArray(new String[0]);
  }

  private final double linePunctThr;
  private final boolean linePunctExcludeZero;
  private final double shortLineThr;
  private final long shortLineLength;
  private final double charDuplicatesRatio;
  private final double newLineRatio;
  private final WordSplitter splitter;
  private final Compat compat;

  public FineWebQualityFilter(double linePunctThr, boolean linePunctExcludeZero, double shortLineThr,
                              long shortLineLength, double charDuplicatesRatio, double newLineRatio,
                              WordSplitter splitter, Compat compat) {
    if (shortLineLength < 0) {
      throw new IllegalArgumentException("short_line_length: must be >= 0, got " + shortLineLength);
    }
    this.linePunctThr = linePunctThr;
    this.linePunctExcludeZero = linePunctExcludeZero;
    this.shortLineThr = shortLineThr;
    this.shortLineLength = shortLineLength;
    this.charDuplicatesRatio = charDuplicatesRatio;
    this.newLineRatio = newLineRatio;
    this.splitter = splitter;
    this.compat = compat;
  }

  public static FineWebQualityFilter defaults(Compat compat) {
    return fromConfig(ConfigNode.parse("compat: " + compat.name().toLowerCase(Locale.ROOT), "defaults"));
  }

  public static FineWebQualityFilter fromConfig(ConfigNode c) {
    Compat compat = Compat.fromConfig(c);
    String words = c.choice("words", compat == Compat.DATATROVE ? "spacy_en" : "unicode", WordSplitter.NAMES);
    FineWebQualityFilter f = new FineWebQualityFilter(
        c.number("line_punct_thr", DEFAULT_LINE_PUNCT_THR, 0, 1),
        c.bool("line_punct_exclude_zero", false),
        c.number("short_line_thr", DEFAULT_SHORT_LINE_THR, 0, 1),
        c.integer("short_line_length", DEFAULT_SHORT_LINE_LENGTH, 0, Long.MAX_VALUE),
        c.number("char_duplicates_ratio", DEFAULT_CHAR_DUPLICATES_RATIO, 0, 1),
        c.number("new_line_ratio", DEFAULT_NEW_LINE_RATIO, 0, 1e9),
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
    boolean dt = compat == Compat.DATATROVE;
    String text = d.text();
    if (!dt && text.indexOf('\r') >= 0) {
      text = text.replace("\r\n", "\n").replace('\r', '\n');
    }
    List<String> lines = new ArrayList<>();
    for (String l : PyStr.splitOn(text, '\n')) {
      if (!PyStr.strip(l).isEmpty()) {
        lines.add(l);
      }
    }
    Map<String, Double> sig = new TreeMap<>();
    if (lines.isEmpty()) {
      return FilterResult.reject("empty", sig);
    }
    int punct = 0;
    int shortLines = 0;
    for (String l : lines) {
      if (dt ? DatatroveText.endsWithTerminal(l) : DatatroveText.endsWithAny(PyStr.rstrip(l), CANONICAL_TERMINAL)) {
        punct++;
      }
      if (PyStr.len(l) <= shortLineLength) {
        shortLines++;
      }
    }
    double punctRatio = (double) punct / lines.size();
    sig.put("line_punct_ratio", punctRatio);
    if (punctRatio < linePunctThr && !(punctRatio == 0 && linePunctExcludeZero)) {
      return FilterResult.reject("line_punct_thr", sig);
    }
    double shortRatio = (double) shortLines / lines.size();
    sig.put("short_line_ratio", shortRatio);
    if (shortRatio > shortLineThr) {
      return FilterResult.reject("short_line_thr", sig);
    }
    int noLf = PyStr.len(text) - PyStr.count(text, '\n');
    double dupRatio = noLf == 0 ? 0 : (double) GopherRepetitionFilter.findDuplicates(lines)[1] / noLf;
    sig.put("char_dup_ratio", dupRatio);
    if (dupRatio > charDuplicatesRatio) {
      return FilterResult.reject("char_duplicates_ratio", sig);
    }
    int nWords = WordCache.count(splitter, text);
    double listRatio = nWords == 0 ? Double.POSITIVE_INFINITY : (double) PyStr.count(text, '\n') / nWords;
    sig.put("list_ratio", nWords == 0 ? -1 : listRatio);
    if (listRatio > newLineRatio) {
      return FilterResult.reject("new_line_ratio", sig);
    }
    return FilterResult.keep(sig);
  }
}

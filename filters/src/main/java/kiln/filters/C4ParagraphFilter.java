package kiln.filters;

import java.util.List;
import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.text.PyStr;

/**
 * mC4's paragraph filter (TFDS {@code c4_utils.paragraph_filter}; datatrove {@code C4ParagraphFilter}): lines are
 * {@code text.split("\n")}; removes a page with fewer than {@code min_paragraphs} (3) lines (rule
 * {@code min_paragraphs}) or whose {@code min_paragraphs} longest lines are not all at least
 * {@code min_paragraph_len} (200) code points long (rule {@code min_paragraph_len}). Same in both compat modes.
 */
public final class C4ParagraphFilter implements DocumentFilter {
  public static final String NAME = "c4_paragraph";
  public static final long DEFAULT_MIN_PARAGRAPHS = 3;
  public static final long DEFAULT_MIN_PARAGRAPH_LEN = 200;

  private final int minParagraphs;
  private final long minParagraphLen;

  public C4ParagraphFilter(int minParagraphs, long minParagraphLen) {
    if (minParagraphs < 1) {
      throw new IllegalArgumentException("min_paragraphs: must be >= 1, got " + minParagraphs);
    }
    if (minParagraphLen < 0) {
      throw new IllegalArgumentException("min_paragraph_len: must be >= 0, got " + minParagraphLen);
    }
    this.minParagraphs = minParagraphs;
    this.minParagraphLen = minParagraphLen;
  }

  public static C4ParagraphFilter fromConfig(ConfigNode c) {
    C4ParagraphFilter f = new C4ParagraphFilter(
        (int) c.integer("min_paragraphs", DEFAULT_MIN_PARAGRAPHS, 1, 1_000_000),
        c.integer("min_paragraph_len", DEFAULT_MIN_PARAGRAPH_LEN, 0, Long.MAX_VALUE));
    c.rejectUnknown();
    return f;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    List<String> lines = PyStr.splitOn(d.text(), '\n');
    Map<String, Double> sig = Map.of("lines", (double) lines.size());
    if (lines.size() < minParagraphs) {
      return FilterResult.reject("min_paragraphs", sig);
    }
    // the k-th longest line must reach the minimum; count lines that do
    int longEnough = 0;
    for (String l : lines) {
      if (PyStr.len(l) >= minParagraphLen) {
        longEnough++;
      }
    }
    if (longEnough < minParagraphs) {
      return FilterResult.reject("min_paragraph_len", Map.of("lines", (double) lines.size(),
          "long_lines", (double) longEnough));
    }
    return FilterResult.keep(sig);
  }
}

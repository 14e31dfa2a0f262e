package kiln.filters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.lm.ArpaModel;
import kiln.filters.lm.ArpaScorer;
import kiln.filters.lm.LmTokenizer;
import kiln.filters.lm.SentenceScore;
import kiln.filters.model.ModelFiles;

/**
 * CCNet-style perplexity filter: scores text with an ARPA n-gram model ({@link ArpaScorer}, KenLM's backoff
 * rule) after CCNet's normalisation and pre-tokenisation ({@link LmTokenizer}). Each non-blank line is a
 * sentence ({@code <s>} ... {@code </s>}); a document's perplexity is CCNet's
 * {@code 10^(-sum log10 / sum (words + 1))} over its lines. Signal: {@code value}, the document perplexity.
 *
 * <p>{@code per: document} rejects the document above {@code max_perplexity}. {@code per: paragraph} drops the
 * lines above it (each line scored on its own) and rejects the document only when no scored line is left. A
 * document without words has no perplexity and is kept without a signal.
 */
public final class PerplexityFilter implements ScoredFilter {
  public static final String NAME = "perplexity";

  public enum Per { DOCUMENT, PARAGRAPH }

  private final ArpaScorer scorer;
  private final LmTokenizer tokenizer;
  private final double maxPerplexity;
  private final Per per;

  public PerplexityFilter(ArpaModel model, LmTokenizer tokenizer, double maxPerplexity, Per per) {
    if (tokenizer == null || per == null) {
      throw new IllegalArgumentException("tokenizer, per: must not be null");
    }
    if (!(maxPerplexity >= 1)) {
      throw new IllegalArgumentException("max_perplexity: must be >= 1, got " + maxPerplexity);
    }
    this.scorer = new ArpaScorer(model);
    this.tokenizer = tokenizer;
    this.maxPerplexity = maxPerplexity;
    this.per = per;
  }

  public static PerplexityFilter fromConfig(ConfigNode c) {
    Path file = ModelFiles.resolve(c, "model");
    double max = c.number("max_perplexity");
    if (!(max >= 1) || Double.isInfinite(max)) {
      throw c.error("max_perplexity", "must be a finite number >= 1 (a perplexity), got " + max);
    }
    String spec = c.string("tokenizer", LmTokenizer.WHITESPACE);
    LmTokenizer tok;
    try {
      tok = LmTokenizer.open(spec);
    } catch (IllegalArgumentException e) {
      throw c.error("tokenizer", e.getMessage());
    }
    Per per = Per.valueOf(c.choice("per", "document", "document", "paragraph").toUpperCase(java.util.Locale.ROOT));
    ArpaModel model;
    try {
      model = ArpaModel.shared(file);
    } catch (IOException | RuntimeException e) {
      throw c.error("model", "cannot load ARPA model: " + e.getMessage());
    }
    c.rejectUnknown();
    return new PerplexityFilter(model, tok, max, per);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The document perplexity against {@code max_perplexity}; in paragraph mode lines decide, so both sides mix. */
  @Override
  public ScoreCut scoreCut() {
    return new ScoreCut("value", maxPerplexity, "max_perplexity", false, true);
  }

  /** Score of one line: its words, then {@code </s>}. */
  public SentenceScore line(String line) {
    return scorer.sentence(tokenizer.words(line));
  }

  /** CCNet's document score: the sum over non-blank lines. */
  public SentenceScore document(String text) {
    SentenceScore total = SentenceScore.EMPTY;
    for (String l : text.split("\n", -1)) {
      if (!l.isBlank()) {
        total = total.plus(line(l));
      }
    }
    return total;
  }

  @Override
  public FilterResult apply(Document d) {
    if (per == Per.DOCUMENT) {
      SentenceScore s = document(d.text());
      if (s.tokens() == 0) {
        return FilterResult.keep();
      }
      Map<String, Double> sig = Map.of("value", s.perplexity());
      return s.perplexity() > maxPerplexity ? FilterResult.reject("max_perplexity", sig) : FilterResult.keep(sig);
    }
    String[] lines = d.text().split("\n", -1);
    List<String> kept = new ArrayList<>(lines.length);
    SentenceScore total = SentenceScore.EMPTY;
    int scored = 0;
    int dropped = 0;
    for (String l : lines) {
      if (l.isBlank()) {
        kept.add(l);
        continue;
      }
      SentenceScore s = line(l);
      total = total.plus(s);
      scored++;
      if (s.perplexity() > maxPerplexity) {
        dropped++;
      } else {
        kept.add(l);
      }
    }
    if (scored == 0) {
      return FilterResult.keep();
    }
    Map<String, Double> sig = Map.of("value", total.perplexity(), "dropped_paragraphs", (double) dropped);
    if (dropped == scored) {
      return FilterResult.reject("max_perplexity", sig);
    }
    if (dropped == 0) {
      return FilterResult.keep(sig);
    }
    return FilterResult.rewrite(d.withText(String.join("\n", kept)), sig);
  }
}

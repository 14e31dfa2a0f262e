package kiln.filters.lm;

/**
 * Total log10 probability of some sentences and their token count (words plus one {@code </s>} per sentence,
 * the denominator of KenLM's {@code query} perplexity and CCNet's {@code doc_length}).
 */
public record SentenceScore(double log10, long tokens) {
  public static final SentenceScore EMPTY = new SentenceScore(0, 0);

  public SentenceScore plus(SentenceScore o) {
    return new SentenceScore(log10 + o.log10, tokens + o.tokens);
  }

  /** 10^(-log10 / tokens); NaN for no tokens. */
  public double perplexity() {
    return tokens == 0 ? Double.NaN : Math.pow(10.0, -log10 / tokens);
  }
}

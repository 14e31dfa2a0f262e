package kiln.mixtures;

/**
 * What a source holds after its filter: one epoch of it.
 *
 * @param tokens sum of {@code n_tokens}
 * @param docs number of documents
 */
public record SourceSize(long tokens, long docs) {
  public SourceSize {
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens must be >= 0, got " + tokens);
    }
    if (docs < 0) {
      throw new IllegalArgumentException("docs must be >= 0, got " + docs);
    }
  }
}

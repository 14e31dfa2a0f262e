package kiln.filters.lm;

/**
 * Scores sentences with an {@link ArpaModel} as KenLM's {@code query} and its Python {@code model.score(s,
 * bos=True, eos=True)} do: the context starts as {@code <s>} (which is not scored), every word is scored, then
 * {@code </s>}; a word outside the vocabulary is scored (and kept in later contexts) as {@code <unk>}.
 */
public final class ArpaScorer {
  private final ArpaModel model;

  public ArpaScorer(ArpaModel model) {
    if (model == null) {
      throw new IllegalArgumentException("model: must not be null");
    }
    this.model = model;
  }

  public ArpaModel model() {
    return model;
  }

  /** Score of one sentence of words (already tokenised; no {@code <s>}/{@code </s>}). */
  public SentenceScore sentence(String[] words) {
    int[] ids = new int[words.length + 2];
    ids[0] = model.bos();
    for (int i = 0; i < words.length; i++) {
      ids[i + 1] = model.id(words[i]);
    }
    ids[ids.length - 1] = model.eos();
    double total = 0;
    for (int pos = 1; pos < ids.length; pos++) {
      total += model.log10(ids, 0, pos);
    }
    return new SentenceScore(total, words.length + 1L);
  }

  /** Score of a sentence given as whitespace-separated words. */
  public SentenceScore sentence(String text) {
    String t = text.strip();
    return sentence(t.isEmpty() ? new String[0] : t.split("\\s+"));
  }
}

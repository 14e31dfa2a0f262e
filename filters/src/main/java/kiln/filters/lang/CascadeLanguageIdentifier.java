package kiln.filters.lang;

import java.util.Set;

/**
 * Two-stage language ID for speed: a fast model first (optimaize, ~15x faster than Lingua), and Lingua only where
 * the fast one is unsure. The fast label is kept when (1) Lingua covers it, (2) it is not in a group of close
 * languages the fast model confuses ({@link #DEFAULT_CONFUSABLE}), and (3) the fast model's probability is at
 * least {@code minFastScore}, and (4) with {@code novelty} on, the text's 5-grams are not new to the label's Lingua
 * model ({@link NgramNovelty}): optimaize knows 57 of Lingua's languages and calls the others by a neighbour's
 * name. Otherwise the result is Lingua's, with its own {@code und} tests. Deterministic (both
 * stages are); thread-safe.
 */
public final class CascadeLanguageIdentifier implements LanguageIdentifier {
  /**
   * Labels whose close neighbours the fast model mixes up (Leipzig: optimaize ms 0.32, id 0.81, ca 0.84,
   * cs 0.88): Serbo-Croatian, Malay/Indonesian, the Scandinavian languages, the Ibero-Romance languages, Czech
   * and Slovak; these always go to Lingua.
   */
  public static final Set<String> DEFAULT_CONFUSABLE = Set.of("hr", "sr", "bs", "sl", "ms", "id", "da", "no", "nb",
      "nn", "sv", "es", "pt", "gl", "ca", "cs", "sk");
  public static final double DEFAULT_MIN_FAST_SCORE = 0.99;

  private final LanguageIdentifier fast;
  private final LinguaLanguageIdentifier accurate;
  private final double minFastScore;
  private final Set<String> confusable;
  private final boolean novelty;

  public CascadeLanguageIdentifier(LanguageIdentifier fast, LinguaLanguageIdentifier accurate, double minFastScore,
      Set<String> confusable, boolean novelty) {
    if (!(minFastScore >= 0 && minFastScore <= 1)) {
      throw new IllegalArgumentException("fast_score: must be in [0, 1], got " + minFastScore);
    }
    this.fast = fast;
    this.accurate = accurate;
    this.minFastScore = minFastScore;
    this.confusable = Set.copyOf(confusable);
    this.novelty = novelty;
  }

  @Override
  public Prediction identify(String text) {
    Prediction p = fast.identify(text);
    if (p.score() >= minFastScore && !confusable.contains(p.lang()) && accurate.languages().contains(p.lang())
        && !(novelty && NgramNovelty.novel(p.lang(), accurate.classified(text)))) {
      return p;
    }
    // unsure, confusable, or new to the label's model (often a language the fast model lacks: Azerbaijani it
    // calls Turkish): Lingua decides, with its own und tests
    return accurate.identify(text);
  }

  @Override
  public Set<String> languages() {
    return accurate.languages();
  }

  @Override
  public String model() {
    return "cascade(" + fast.model() + "," + accurate.model() + ")";
  }
}

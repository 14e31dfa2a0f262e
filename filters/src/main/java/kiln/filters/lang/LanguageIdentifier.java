package kiln.filters.lang;

/** Predicts the language of a text. Implementations are thread-safe. */
public interface LanguageIdentifier {

  /** ISO 639-1 code (or the model's own label) and the model's probability of it, in [0, 1]. */
  record Prediction(String lang, double score) {
    public static final Prediction UNKNOWN = new Prediction("und", 0);
  }

  Prediction identify(String text);

  /** Name of the model, for stats and docs. */
  String model();

  /** Labels the model can give besides {@code und}; empty when the model does not say (a user's fastText file). */
  default java.util.Set<String> languages() {
    return java.util.Set.of();
  }
}

package kiln.filters;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.lang.FastTextLanguageIdentifier;
import kiln.filters.lang.LanguageIdentifier;
import kiln.filters.lang.OptimaizeLanguageIdentifier;

/**
 * Language identification: sets the {@code lang} column to the predicted language and {@code meta.lang_score}
 * to its probability, and removes documents whose language is not in {@code languages} (rule {@code languages})
 * or whose score is not above {@code min_score} (rule {@code min_score}). FineWeb: English, score &gt; 0.65
 * (datatrove {@code LanguageFilter(languages=["en"], language_threshold=0.65)} with fastText lid.176).
 * An empty {@code languages} list keeps any language scoring above the threshold (datatrove's default).
 *
 * <p>Models: {@code optimaize} (bundled, default) or {@code fasttext} with a user-supplied model file
 * ({@code fasttext_model}, e.g. lid.176.bin; relative to the config file) read by Kiln's pure-Java fastText
 * reader ({@link kiln.filters.model.FastTextModel}).
 */
public final class LanguageFilter implements DocumentFilter {
  public static final String NAME = "language";
  public static final List<String> DEFAULT_LANGUAGES = List.of("en");
  public static final double DEFAULT_MIN_SCORE = 0.65;

  private final Set<String> languages;
  private final double minScore;
  private final LanguageIdentifier model;

  public LanguageFilter(List<String> languages, double minScore, LanguageIdentifier model) {
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new IllegalArgumentException("min_score: must be in [0, 1], got " + minScore);
    }
    if (model == null) {
      throw new IllegalArgumentException("model: must not be null");
    }
    this.languages = new LinkedHashSet<>(languages);
    this.minScore = minScore;
    this.model = model;
  }

  public static LanguageFilter fromConfig(ConfigNode c) {
    List<String> langs = c.strings("languages", DEFAULT_LANGUAGES);
    double min = c.number("min_score", DEFAULT_MIN_SCORE, 0, 1);
    String model = c.choice("model", "optimaize", "optimaize", "fasttext");
    int maxChars = (int) c.integer("max_chars", OptimaizeLanguageIdentifier.DEFAULT_MAX_CHARS, 1, Integer.MAX_VALUE);
    LanguageIdentifier id;
    if (model.equals("fasttext")) {
      id = FastTextLanguageIdentifier.fromConfig(c, "fasttext_model");
    } else {
      id = new OptimaizeLanguageIdentifier(maxChars);
    }
    c.rejectUnknown();
    return new LanguageFilter(langs, min, id);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    LanguageIdentifier.Prediction p = model.identify(d.text());
    Document out = d.withLang(p.lang()).withMeta("lang_score", Double.toString(p.score()));
    Map<String, Double> sig = Map.of("score", p.score());
    if (!languages.isEmpty() && !languages.contains(p.lang())) {
      return FilterResult.reject("languages", sig).withRewritten(out);
    }
    if (!(p.score() > minScore)) {
      return FilterResult.reject("min_score", sig).withRewritten(out);
    }
    return FilterResult.rewrite(out, sig);
  }
}

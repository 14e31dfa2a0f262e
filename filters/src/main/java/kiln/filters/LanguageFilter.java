package kiln.filters;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.lang.CascadeLanguageIdentifier;
import kiln.filters.lang.FastTextLanguageIdentifier;
import kiln.filters.lang.LanguageIdentifier;
import kiln.filters.lang.LinguaLanguageIdentifier;
import kiln.filters.lang.OptimaizeLanguageIdentifier;

/**
 * Language identification: sets the {@code lang} column to the predicted language and {@code meta.lang_score}
 * to its probability, and removes documents whose language is not in {@code languages} (rule {@code languages})
 * or whose score is not above {@code min_score} (rule {@code min_score}). FineWeb: English, score &gt; 0.65
 * (datatrove {@code LanguageFilter(languages=["en"], language_threshold=0.65)} with fastText lid.176).
 * An empty {@code languages} list keeps any language scoring above the threshold (datatrove's default).
 *
 * {@code min_scores} sets the threshold per language.
 *
 * <p>Models: {@code lingua} (default; Lingua 1.2.2, bundled, 75 languages, {@code und} below a per-language
 * score or for text new to the label's 5-gram model, see {@link LinguaLanguageIdentifier}), {@code cascade}
 * (optimaize first, Lingua for unsure or confusable labels, {@link CascadeLanguageIdentifier}), {@code optimaize} (bundled, 71 languages, the earlier default) or
 * {@code fasttext} with a user-supplied model file ({@code fasttext_model}, e.g. lid.176.bin; relative to the
 * config file) read by Kiln's pure-Java fastText reader ({@link kiln.filters.model.FastTextModel}).
 */
public final class LanguageFilter implements DocumentFilter {
  public static final String NAME = "language";
  public static final List<String> DEFAULT_LANGUAGES = List.of("en");
  public static final double DEFAULT_MIN_SCORE = 0.65;

  private final Set<String> languages;
  private final double minScore;
  private final Map<String, Double> minScores;
  private final LanguageIdentifier model;

  public LanguageFilter(List<String> languages, double minScore, LanguageIdentifier model) {
    this(languages, minScore, Map.of(), model);
  }

  /** {@code minScores}: per-language thresholds over {@code minScore}. */
  public LanguageFilter(List<String> languages, double minScore, Map<String, Double> minScores,
      LanguageIdentifier model) {
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new IllegalArgumentException("min_score: must be in [0, 1], got " + minScore);
    }
    if (model == null) {
      throw new IllegalArgumentException("model: must not be null");
    }
    this.languages = new LinkedHashSet<>(languages);
    this.minScore = minScore;
    this.minScores = Map.copyOf(minScores);
    this.model = model;
  }

  public static LanguageFilter fromConfig(ConfigNode c) {
    List<String> langs = c.strings("languages", DEFAULT_LANGUAGES);
    double min = c.number("min_score", DEFAULT_MIN_SCORE, 0, 1);
    Map<String, Double> mins = c.has("min_scores") ? c.numbers("min_scores") : Map.of();
    for (Map.Entry<String, Double> e : mins.entrySet()) {
      if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
        throw c.error("min_scores", "'" + e.getKey() + "' must be in [0, 1], got " + e.getValue());
      }
    }
    String model = c.choice("model", "lingua", "lingua", "cascade", "optimaize", "fasttext");
    LanguageIdentifier id;
    if (model.equals("fasttext")) {
      id = FastTextLanguageIdentifier.fromConfig(c, "fasttext_model");
    } else if (model.equals("optimaize")) {
      int maxChars = (int) c.integer("max_chars", OptimaizeLanguageIdentifier.DEFAULT_MAX_CHARS, 1, Integer.MAX_VALUE);
      id = new OptimaizeLanguageIdentifier(maxChars);
    } else if (model.equals("cascade")) {
      LinguaLanguageIdentifier lingua = linguaFromConfig(c);
      double fast = c.number("fast_score", CascadeLanguageIdentifier.DEFAULT_MIN_FAST_SCORE, 0, 1);
      Set<String> groups = new LinkedHashSet<>(
          c.strings("confusable", List.copyOf(new java.util.TreeSet<>(CascadeLanguageIdentifier.DEFAULT_CONFUSABLE))));
      id = new CascadeLanguageIdentifier(new OptimaizeLanguageIdentifier(OptimaizeLanguageIdentifier.DEFAULT_MAX_CHARS),
          lingua, fast, groups, lingua.novelty());
    } else {
      id = linguaFromConfig(c);
    }
    c.rejectUnknown();
    return new LanguageFilter(langs, min, mins, id);
  }

  private static LinguaLanguageIdentifier linguaFromConfig(ConfigNode c) {
    int maxChars = (int) c.integer("max_chars", LinguaLanguageIdentifier.DEFAULT_MAX_CHARS, 1, Integer.MAX_VALUE);
    LinguaLanguageIdentifier.Accuracy acc = LinguaLanguageIdentifier.Accuracy.valueOf(
        c.choice("accuracy", "high", "high", "low").toUpperCase(java.util.Locale.ROOT));
    Set<String> exclude = new LinkedHashSet<>(c.strings("exclude", List.copyOf(LinguaLanguageIdentifier.DEFAULT_EXCLUDE)));
    double und = c.number("und_score", LinguaLanguageIdentifier.DEFAULT_UND_SCORE, 0, 1);
    Map<String, Double> unds = c.has("und_scores") ? c.numbers("und_scores") : Map.of();
    boolean novelty = c.bool("novelty", true);
    try {
      return new LinguaLanguageIdentifier(acc, maxChars, exclude, und, unds, novelty);
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      String key = msg.startsWith("exclude") ? "exclude" : "und_scores";
      throw c.error(key, msg.substring(msg.indexOf(':') + 1).strip());
    }
  }

  /** The language identifier this filter uses. */
  public LanguageIdentifier identifier() {
    return model;
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
    if (!(p.score() > minScores.getOrDefault(p.lang(), minScore))) {
      return FilterResult.reject("min_score", sig).withRewritten(out);
    }
    return FilterResult.rewrite(out, sig);
  }
}

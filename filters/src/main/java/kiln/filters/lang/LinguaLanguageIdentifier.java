package kiln.filters.lang;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Lingua 1.2.2 (character 1- to 5-gram models of 75 languages bundled in its jar, plus script rules). Labels are
 * ISO 639-1 codes ({@code nb}/{@code nn} for the two Norwegian standards).
 *
 * <p>Score: Lingua only reports relative confidences (the top language is always 1.0; the runner-up gets
 * {@code c2 = logL(top) / logL(second)}). Kiln turns the relative margin {@code r = 1 - c2} and the text length
 * {@code n} (UTF-16 units classified) into the probability that the label is right, with a logistic fit on the
 * Leipzig test sentences: {@code score = 1 / (1 + exp(-(A + B ln r + C ln n)))} (constants below; a text that
 * only one language's script or letters allow gets {@code r = 1}). Below the language's {@code und_score} the
 * label is {@code und} (the score is kept): this is how text in a language Lingua does not know, or too short to
 * tell, gets {@code und} instead of a wrong confident label. With {@code novelty} on (the default) the label is
 * also {@code und} when the text's 5-grams are too new to the label's own model ({@link NgramNovelty}): the
 * relative margin cannot see that Oromo is poor Somali, only that it is more Somali than Finnish.
 *
 * <p>Candidates: all of Lingua's languages except {@link #DEFAULT_EXCLUDE}: Bosnian and Malay, which Lingua
 * cannot tell from Croatian and Indonesian at sentence length (0.41 and 0.30 accuracy with them in, and they
 * pull hr and id down to 0.91 and 0.81); with them out, Bosnian text is labelled {@code hr} and Malay text
 * {@code id}.
 *
 * <p>Accuracy modes: {@code HIGH} uses 1- to 5-grams for texts under 120 characters (Lingua's rule; longer texts
 * use trigrams in both modes, so the two modes agree there); {@code LOW} uses trigrams only. Models are loaded
 * lazily per language and n-gram size, once per JVM (Lingua keeps them in static maps), so a Spark executor
 * pays the load once and only for what its texts need: trigram models of all languages take ~100 MB of heap,
 * all n-gram sizes of all languages ~1.4 GB (reached only when short texts of every script turn up). Only the
 * first {@code maxChars} UTF-16 units are classified (speed). Deterministic; thread-safe.
 */
public final class LinguaLanguageIdentifier implements LanguageIdentifier {
  public static final int DEFAULT_MAX_CHARS = 1000;
  public static final Set<String> DEFAULT_EXCLUDE = Set.of("bs", "ms");
  /**
   * Default {@code und_score}: below it the label is {@code und}. One value for every language, chosen on the
   * even Leipzig lines (docs/filters.md): 0.4 keeps the mean over the covered languages within 0.0003 of the
   * earlier per-language table (0.2 and 22 hand-tuned values) and turns as many left-out languages into
   * {@code und}; on held-out lines the two are as good, so the table was dropped.
   */
  public static final double DEFAULT_UND_SCORE = 0.4;
  /** Per-language {@code und_score} defaults: none (the {@code und_scores} key sets some). */
  public static final Map<String, Double> DEFAULT_UND_SCORES = Map.of();

  // logistic calibration of (ln r, ln n) against "label is right", Leipzig sentences, HIGH mode, 75 languages
  static final double A = 4.936;
  static final double B = 1.329;
  static final double C = 0.2137;
  private static final double MIN_MARGIN = 1e-4;

  /** Lingua's two modes. */
  public enum Accuracy { HIGH, LOW }

  private static final Map<String, LanguageDetector> DETECTORS = new HashMap<>();

  private final Accuracy accuracy;
  private final int maxChars;
  private final Set<Language> candidates;
  private final Set<String> labels;
  private final double minScore;
  private final Map<String, Double> minScores;
  private final boolean novelty;
  private volatile LanguageDetector detector;

  /**
   * @param exclude ISO 639-1 codes to leave out of the candidates
   * @param minScore {@code und} below this score, for languages not in {@code minScores}
   * @param minScores per-language thresholds (ISO 639-1 code to score), over the defaults
   */
  public LinguaLanguageIdentifier(Accuracy accuracy, int maxChars, Set<String> exclude, double minScore,
      Map<String, Double> minScores) {
    this(accuracy, maxChars, exclude, minScore, minScores, true);
  }

  /** @param novelty {@code und} when the text's 5-grams are too new for the label ({@link NgramNovelty}) */
  public LinguaLanguageIdentifier(Accuracy accuracy, int maxChars, Set<String> exclude, double minScore,
      Map<String, Double> minScores, boolean novelty) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("max_chars: must be >= 1, got " + maxChars);
    }
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new IllegalArgumentException("und_score: must be in [0, 1], got " + minScore);
    }
    Map<String, Language> byCode = new HashMap<>();
    for (Language l : Language.all()) {
      byCode.put(code(l), l);
    }
    for (String x : exclude) {
      if (!byCode.containsKey(x)) {
        throw new IllegalArgumentException("exclude: '" + x + "' is not a Lingua language (ISO 639-1 codes: "
            + new TreeSet<>(byCode.keySet()) + ")");
      }
    }
    Map<String, Double> thresholds = new LinkedHashMap<>(DEFAULT_UND_SCORES);
    for (Map.Entry<String, Double> e : minScores.entrySet()) {
      if (!byCode.containsKey(e.getKey())) {
        throw new IllegalArgumentException("und_scores: '" + e.getKey() + "' is not a Lingua language");
      }
      if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
        throw new IllegalArgumentException("und_scores." + e.getKey() + ": must be in [0, 1], got " + e.getValue());
      }
      thresholds.put(e.getKey(), e.getValue());
    }
    EnumSet<Language> cand = EnumSet.noneOf(Language.class);
    Set<String> codes = new TreeSet<>();
    for (Language l : Language.all()) {
      if (!exclude.contains(code(l))) {
        cand.add(l);
        codes.add(code(l));
      }
    }
    if (cand.size() < 2) {
      throw new IllegalArgumentException("exclude: leaves fewer than two languages");
    }
    this.accuracy = accuracy;
    this.maxChars = maxChars;
    this.candidates = Collections.unmodifiableSet(cand);
    this.labels = Collections.unmodifiableSet(codes);
    this.minScore = minScore;
    this.minScores = Collections.unmodifiableMap(thresholds);
    this.novelty = novelty;
  }

  /** All defaults: {@link #DEFAULT_MAX_CHARS}, {@link #DEFAULT_EXCLUDE}, the default thresholds. */
  public static LinguaLanguageIdentifier withDefaults(Accuracy accuracy) {
    return new LinguaLanguageIdentifier(accuracy, DEFAULT_MAX_CHARS, DEFAULT_EXCLUDE, DEFAULT_UND_SCORE, Map.of());
  }

  static String code(Language l) {
    return l.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
  }

  /** One detector per (mode, candidate set) per JVM; the models behind them are Lingua's static maps. */
  private LanguageDetector detector() {
    LanguageDetector d = detector;
    if (d == null) {
      String key = accuracy + ":" + candidates;
      synchronized (DETECTORS) {
        d = DETECTORS.computeIfAbsent(key, k -> {
          LanguageDetectorBuilder b = LanguageDetectorBuilder.fromLanguages(candidates.toArray(new Language[0]));
          return (accuracy == Accuracy.LOW ? b.withLowAccuracyMode() : b).build();
        });
      }
      detector = d;
    }
    return d;
  }

  /** The score a relative margin {@code r} gets on a text of {@code n} UTF-16 units. */
  static double score(double margin, int n) {
    double z = A + B * Math.log(Math.max(margin, MIN_MARGIN)) + C * Math.log(Math.max(n, 1));
    return 1 / (1 + Math.exp(-z));
  }

  /** The threshold under which {@code lang} becomes {@code und}. */
  public double undScore(String lang) {
    return minScores.getOrDefault(lang, minScore);
  }

  /** The part of {@code text} that is classified: its first {@code maxChars} UTF-16 units. */
  public String classified(String text) {
    String t = text;
    if (t.length() > maxChars) {
      int end = Character.isHighSurrogate(t.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
      t = t.substring(0, end);
    }
    return t;
  }

  /** Whether the {@link NgramNovelty} test turns unfamiliar text into {@code und}. */
  public boolean novelty() {
    return novelty;
  }

  @Override
  public Prediction identify(String text) {
    String t = classified(text);
    SortedMap<Language, Double> conf = detector().computeLanguageConfidenceValues(t);
    if (conf.isEmpty()) {
      return Prediction.UNKNOWN;
    }
    Iterator<Map.Entry<Language, Double>> it = conf.entrySet().iterator();
    Language top = it.next().getKey();
    double second = it.hasNext() ? it.next().getValue() : 0;
    String lang = code(top);
    double s = score(1 - second, t.length());
    boolean und = s < undScore(lang) || novelty && NgramNovelty.novel(lang, t);
    return new Prediction(und ? "und" : lang, s);
  }

  @Override
  public Set<String> languages() {
    return labels;
  }

  @Override
  public String model() {
    return "lingua-1.2.2:" + accuracy.name().toLowerCase(Locale.ROOT) + (novelty ? "" : ":no-novelty");
  }
}

package kiln.filters;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.model.FastTextModel;
import kiln.filters.model.ModelFiles;
import kiln.filters.select.ParetoSampler;
import kiln.filters.select.RankCut;
import kiln.filters.select.RankCuts;
import kiln.filters.select.Ranked;
import kiln.filters.select.RankedFilter;

/**
 * Model-based quality selection (DCLM's fastText filter): scores a document with a supervised fastText model
 * and keeps it by one of three rules on the probability of {@code label} (the score); give at most one:
 * <ul>
 *   <li>{@code threshold} (default 0.018, DCLM): keep when score &gt; threshold;</li>
 *   <li>{@code keep_top_fraction} f in (0, 1]: keep the ceil(f * n) best-scoring of the n documents that reach
 *       this filter, over the whole dataset (a first Spark pass ranks them by score descending, then id; so
 *       ties are broken by id and the result does not depend on partitioning);</li>
 *   <li>{@code pareto_alpha} a &gt; 0 (GPT-3): keep when a Pareto draw seeded by the document id (and
 *       {@code seed}, default 0) exceeds 1 - score, see {@link ParetoSampler}.</li>
 * </ul>
 * The rule's name is the reject rule. Signal: {@code score}.
 *
 * <p>fastText classifies one line, so the document becomes one line as DCLM does: the first
 * {@code text_prefix_chars} code points (all when unset), each {@code \n} replaced by a space. The score is
 * what {@code fasttext predict-prob MODEL - -1} prints for that line (and what fastText's Python
 * {@code model.predict(text, k=-1)} returns) for {@code label}: p + 1e-5 in float, see
 * {@link kiln.filters.model.FastTextPrediction}. The model is read once per JVM and shared.
 */
public final class QualityClassifierFilter implements RankedFilter, ScoredFilter {
  public static final String NAME = "quality_classifier";
  public static final String DEFAULT_LABEL = "__label__hq";
  public static final double DEFAULT_THRESHOLD = 0.018;

  /** How the score decides. */
  public enum Rule { THRESHOLD, KEEP_TOP_FRACTION, PARETO }

  private final FastTextModel model;
  private final int labelIndex;
  private final double threshold;
  private final int prefixChars;
  private final Rule rule;
  private final double fraction;
  private final ParetoSampler pareto;
  private final RankCut cut;

  /** {@code prefixChars} 0 scores the whole text. */
  public QualityClassifierFilter(FastTextModel model, String label, double threshold, int prefixChars) {
    this(model, label, prefixChars, Rule.THRESHOLD, threshold, 1, null, null);
  }

  /** Keeps the top {@code fraction} of the dataset; runs once built {@link #withCuts} (the filter stage does). */
  public static QualityClassifierFilter topFraction(FastTextModel model, String label, double fraction,
      int prefixChars) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("keep_top_fraction: must be in (0, 1], got " + fraction);
    }
    return new QualityClassifierFilter(model, label, prefixChars, Rule.KEEP_TOP_FRACTION, 0, fraction, null, null);
  }

  /** GPT-3's Pareto selection. */
  public static QualityClassifierFilter pareto(FastTextModel model, String label, double alpha, long seed,
      int prefixChars) {
    return new QualityClassifierFilter(model, label, prefixChars, Rule.PARETO, 0, 1,
        new ParetoSampler(alpha, seed), null);
  }

  private QualityClassifierFilter(FastTextModel model, String label, int prefixChars, Rule rule,
      double threshold, double fraction, ParetoSampler pareto, RankCut cut) {
    if (model == null) {
      throw new IllegalArgumentException("model: must not be null");
    }
    this.labelIndex = model.labels().indexOf(label);
    if (labelIndex < 0) {
      throw new IllegalArgumentException("label: " + model.file() + " has no label '" + label + "' (labels: "
          + String.join(", ", model.labels()) + ")");
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold: must be in [0, 1], got " + threshold);
    }
    if (prefixChars < 0) {
      throw new IllegalArgumentException("text_prefix_chars: must be >= 1, got " + prefixChars);
    }
    this.model = model;
    this.threshold = threshold;
    this.prefixChars = prefixChars;
    this.rule = rule;
    this.fraction = fraction;
    this.pareto = pareto;
    this.cut = cut;
  }

  public static QualityClassifierFilter fromConfig(ConfigNode c) {
    FastTextModel model = ModelFiles.fastText(c, "model");
    String label = c.string("label", DEFAULT_LABEL);
    int rules = (c.has("threshold") ? 1 : 0) + (c.has("keep_top_fraction") ? 1 : 0) + (c.has("pareto_alpha") ? 1 : 0);
    if (rules > 1) {
      throw c.error(c.has("threshold") ? "threshold" : "keep_top_fraction", "give one of threshold, "
          + "keep_top_fraction, pareto_alpha (they are alternative rules), not " + rules);
    }
    double threshold = c.number("threshold", DEFAULT_THRESHOLD, 0, 1);
    double fraction = c.has("keep_top_fraction") ? c.number("keep_top_fraction") : 1;
    if (!(fraction > 0 && fraction <= 1)) {
      throw c.error("keep_top_fraction", "must be in (0, 1] (the fraction of documents kept), got " + fraction);
    }
    double alpha = c.has("pareto_alpha") ? c.number("pareto_alpha") : 1;
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw c.error("pareto_alpha", "must be a finite number > 0 (GPT-3 used 9), got " + alpha);
    }
    if (c.has("seed") && !c.has("pareto_alpha")) {
      throw c.error("seed", "only pareto_alpha draws random numbers; seed needs pareto_alpha");
    }
    long seed = c.integer("seed", 0);
    int prefix = (int) c.integer("text_prefix_chars", 0, 0, Integer.MAX_VALUE);
    if (c.has("text_prefix_chars") && prefix == 0) {
      throw c.error("text_prefix_chars", "must be >= 1 (leave it out to score the whole text)");
    }
    if (!model.labels().contains(label)) {
      throw c.error("label", "model " + model.file() + " has no label '" + label + "' (labels: "
          + String.join(", ", model.labels()) + ")");
    }
    c.rejectUnknown();
    if (c.has("keep_top_fraction")) {
      return topFraction(model, label, fraction, prefix);
    }
    if (c.has("pareto_alpha")) {
      return pareto(model, label, alpha, seed, prefix);
    }
    return new QualityClassifierFilter(model, label, threshold, prefix);
  }

  public Rule rule() {
    return rule;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String scoreSignal() {
    return "score";
  }

  @Override
  public ScoreCut scoreCut() {
    return switch (rule) {
      case THRESHOLD -> new ScoreCut("score", threshold, "threshold", true, false);
      // just under the lowest kept score, so every kept score lies above the line (ties at that score that lost
      // on id are rejected above it, and the chart's side counts show them)
      case KEEP_TOP_FRACTION -> cut == null || cut.rank() == 0 ? null
          : new ScoreCut("score", Math.nextDown(-cut.key()), "keep_top_fraction", true, false);
      case PARETO -> null;
    };
  }

  /** The model input for a document: its prefix as one line. */
  public String line(String text) {
    String t = text;
    if (prefixChars > 0 && t.length() > prefixChars) {
      int end = t.offsetByCodePoints(0, Math.min(prefixChars, t.codePointCount(0, t.length())));
      t = t.substring(0, end);
    }
    return t.replace('\n', ' ');
  }

  public double score(String text) {
    // the float's shortest decimal (0.01827, not 0.018270000070333481): the signal is written as text
    return Double.parseDouble(Float.toString(model.probability(line(text), labelIndex)));
  }

  @Override
  public FilterResult apply(Document d) {
    double score = score(d.text());
    Map<String, Double> sig = Map.of("score", score);
    boolean keep;
    switch (rule) {
      case THRESHOLD -> keep = score > threshold;
      case PARETO -> keep = pareto.keep(d.id(), score);
      default -> {
        if (cut == null) {
          throw new IllegalStateException("quality_classifier keep_top_fraction needs its cut-off from a pass "
              + "over the dataset; run it in the filter stage (kiln filter / kiln run)");
        }
        keep = cut.covers(rankKey(score), d.id());
      }
    }
    return keep ? FilterResult.keep(sig) : FilterResult.reject(rule.name().toLowerCase(java.util.Locale.ROOT), sig);
  }

  // ---- dataset-level selection (keep_top_fraction) ----

  /** Best first: the ranking is ascending, so the key is the negated score. */
  private static double rankKey(double score) {
    return -score + 0.0;
  }

  @Override
  public boolean needsCuts() {
    return rule == Rule.KEEP_TOP_FRACTION && cut == null;
  }

  @Override
  public Ranked rank(Document d) {
    return new Ranked("", rankKey(score(d.text())));
  }

  /** ceil(f * n); the small slack keeps 0.1 * 30 (3.0000000000000004 in binary) at 3. */
  @Override
  public long[] cutRanks(long n) {
    return new long[] {Math.min(n, (long) Math.ceil(fraction * n - 1e-9))};
  }

  @Override
  public QualityClassifierFilter withCuts(RankCuts cuts) {
    if (rule != Rule.KEEP_TOP_FRACTION) {
      throw new IllegalStateException("only keep_top_fraction uses cut-offs");
    }
    // an empty dataset has no group: nothing reaches the filter, any cut will do
    RankCut c = cuts.groups().isEmpty() ? RankCut.NONE : cuts.group("").cuts().get(0);
    return new QualityClassifierFilter(model, model.labels().get(labelIndex), prefixChars, rule, threshold,
        fraction, null, c);
  }

  @Override
  public Map<String, Object> describe(RankCuts cuts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keep_top_fraction", fraction);
    RankCuts.Group g = cuts.groups().get("");
    m.put("docs_ranked", g == null ? 0 : g.size());
    RankCut c = g == null ? RankCut.NONE : g.cuts().get(0);
    m.put("docs_kept", c.rank());
    if (c.rank() > 0) {
      m.put("min_kept_score", -c.key() + 0.0);
      m.put("min_kept_id", c.id());
    }
    return m;
  }
}

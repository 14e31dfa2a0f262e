package kiln.filters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.lm.ArpaModel;
import kiln.filters.lm.ArpaScorer;
import kiln.filters.lm.LmTokenizer;
import kiln.filters.lm.SentenceScore;
import kiln.filters.model.ModelFiles;
import kiln.filters.select.RankCut;
import kiln.filters.select.RankCuts;
import kiln.filters.select.Ranked;
import kiln.filters.select.RankedFilter;

/**
 * CCNet-style perplexity filter: scores text with an ARPA n-gram model ({@link ArpaScorer}, KenLM's backoff
 * rule) after CCNet's normalisation and pre-tokenisation ({@link LmTokenizer}). Each non-blank line is a
 * sentence ({@code <s>} ... {@code </s>}); a document's perplexity is CCNet's
 * {@code 10^(-sum log10 / sum (words + 1))} over its lines. Signal: {@code value}, the document perplexity.
 *
 * <p>{@code per: document} rejects the document above {@code max_perplexity}. {@code per: paragraph} drops the
 * lines above it (each line scored on its own) and rejects the document only when no scored line is left. A
 * document without words has no perplexity and is kept without a signal.
 *
 * <p>{@code buckets: [head, middle, tail]} (instead of {@code max_perplexity}; {@code per: document} only) ranks
 * the documents of each language ({@code lang}; {@code und} when unset) by perplexity over the whole dataset,
 * then id, and splits each language at {@code bucket_percentiles} (default equal shares; CCNet's code uses
 * {@code [30, 60]}): with n documents, bucket i ends at rank round(p_i / 100 * n). The bucket name goes to
 * {@code meta.perplexity_bucket}; documents in a bucket outside {@code keep_buckets} (default all) are rejected
 * with rule {@code bucket_<name>}. A first Spark pass computes the cut-offs (the filter stage runs it).
 */
public final class PerplexityFilter implements RankedFilter, ScoredFilter {
  public static final String NAME = "perplexity";
  /** The meta key the bucket goes to. */
  public static final String BUCKET_META = "perplexity_bucket";
  /** The group of documents without a language. */
  public static final String NO_LANG = "und";

  public enum Per { DOCUMENT, PARAGRAPH }

  private final ArpaScorer scorer;
  private final LmTokenizer tokenizer;
  private final double maxPerplexity;
  private final Per per;
  private final Buckets buckets;
  private final RankCuts cuts;

  /**
   * Bucket mode's settings: {@code names} (at least 2), ascending {@code percentiles} in (0, 100), one fewer than
   * names, and the names kept.
   */
  public record Buckets(List<String> names, double[] percentiles, Set<String> keep) implements java.io.Serializable {
    public Buckets {
      names = List.copyOf(names);
      keep = Set.copyOf(keep);
      percentiles = percentiles.clone();
      if (names.size() < 2 || names.size() != new LinkedHashSet<>(names).size()) {
        throw new IllegalArgumentException("buckets: need at least 2 distinct names, got " + names);
      }
      for (String n : names) {
        if (!n.matches("[a-z0-9_]+")) {
          throw new IllegalArgumentException("buckets: names are snake_case (they end up in reasons), got '" + n + "'");
        }
      }
      if (percentiles.length != names.size() - 1) {
        throw new IllegalArgumentException("bucket_percentiles: need " + (names.size() - 1) + " values for "
            + names.size() + " buckets, got " + percentiles.length);
      }
      for (int i = 0; i < percentiles.length; i++) {
        if (!(percentiles[i] > 0 && percentiles[i] < 100) || (i > 0 && !(percentiles[i] > percentiles[i - 1]))) {
          throw new IllegalArgumentException("bucket_percentiles: need ascending values in (0, 100), got "
              + java.util.Arrays.toString(percentiles));
        }
      }
      if (keep.isEmpty() || !names.containsAll(keep)) {
        throw new IllegalArgumentException("keep_buckets: need a non-empty subset of " + names + ", got " + keep);
      }
    }

    /** Equal shares: 100 * i / names. */
    public static double[] equalShares(int names) {
      double[] p = new double[names - 1];
      for (int i = 1; i < names; i++) {
        p[i - 1] = 100.0 * i / names;
      }
      return p;
    }
  }

  public PerplexityFilter(ArpaModel model, LmTokenizer tokenizer, double maxPerplexity, Per per) {
    this(new ArpaScorer(model), tokenizer, maxPerplexity, per, null, null);
    if (!(maxPerplexity >= 1)) {
      throw new IllegalArgumentException("max_perplexity: must be >= 1, got " + maxPerplexity);
    }
  }

  /** Bucket mode; runs once built {@link #withCuts} (the filter stage does). */
  public PerplexityFilter(ArpaModel model, LmTokenizer tokenizer, Buckets buckets) {
    this(new ArpaScorer(model), tokenizer, Double.NaN, Per.DOCUMENT, buckets, null);
    if (buckets == null) {
      throw new IllegalArgumentException("buckets: must not be null");
    }
  }

  private PerplexityFilter(ArpaScorer scorer, LmTokenizer tokenizer, double maxPerplexity, Per per,
      Buckets buckets, RankCuts cuts) {
    if (tokenizer == null || per == null) {
      throw new IllegalArgumentException("tokenizer, per: must not be null");
    }
    this.scorer = scorer;
    this.tokenizer = tokenizer;
    this.maxPerplexity = maxPerplexity;
    this.per = per;
    this.buckets = buckets;
    this.cuts = cuts;
  }

  public static PerplexityFilter fromConfig(ConfigNode c) {
    Path file = ModelFiles.resolve(c, "model");
    if (c.has("max_perplexity") == c.has("buckets")) {
      throw c.error(c.has("buckets") ? "buckets" : "max_perplexity", "give either max_perplexity (a fixed "
          + "cut-off) or buckets (per-language percentiles over the dataset), "
          + (c.has("buckets") ? "not both" : "neither is set"));
    }
    Buckets buckets = c.has("buckets") ? buckets(c) : null;
    for (String k : new String[] {"bucket_percentiles", "keep_buckets"}) {
      if (buckets == null && c.has(k)) {
        throw c.error(k, "only with buckets");
      }
    }
    double max = buckets == null ? c.number("max_perplexity") : Double.NaN;
    if (buckets == null && (!(max >= 1) || Double.isInfinite(max))) {
      throw c.error("max_perplexity", "must be a finite number >= 1 (a perplexity), got " + max);
    }
    String spec = c.string("tokenizer", LmTokenizer.WHITESPACE);
    LmTokenizer tok;
    try {
      tok = LmTokenizer.open(spec);
    } catch (IllegalArgumentException e) {
      throw c.error("tokenizer", e.getMessage());
    }
    Per per = Per.valueOf(c.choice("per", "document", "document", "paragraph").toUpperCase(Locale.ROOT));
    if (buckets != null && per != Per.DOCUMENT) {
      throw c.error("per", "buckets rank whole documents (CCNet); use per: document or max_perplexity");
    }
    ArpaModel model;
    try {
      model = ArpaModel.shared(file);
    } catch (IOException | RuntimeException e) {
      throw c.error("model", "cannot load ARPA model: " + e.getMessage());
    }
    c.rejectUnknown();
    return buckets != null ? new PerplexityFilter(model, tok, buckets) : new PerplexityFilter(model, tok, max, per);
  }

  private static Buckets buckets(ConfigNode c) {
    List<String> names = c.strings("buckets", List.of());
    if (names.size() < 2 || names.size() != new LinkedHashSet<>(names).size()) {
      throw c.error("buckets", "need at least 2 distinct bucket names, e.g. [head, middle, tail], got " + names);
    }
    for (String n : names) {
      if (!n.matches("[a-z0-9_]+")) {
        throw c.error("buckets", "bucket names are snake_case (they end up in reasons), got '" + n + "'");
      }
    }
    double[] pct;
    if (c.has("bucket_percentiles")) {
      List<String> raw = c.strings("bucket_percentiles", List.of());
      if (raw.size() != names.size() - 1) {
        throw c.error("bucket_percentiles", "need " + (names.size() - 1) + " values (one between each pair of "
            + "the " + names.size() + " buckets), got " + raw.size());
      }
      pct = new double[raw.size()];
      for (int i = 0; i < pct.length; i++) {
        try {
          pct[i] = Double.parseDouble(raw.get(i));
        } catch (NumberFormatException e) {
          throw c.error("bucket_percentiles", "must be numbers, got '" + raw.get(i) + "'");
        }
        if (!(pct[i] > 0 && pct[i] < 100) || (i > 0 && !(pct[i] > pct[i - 1]))) {
          throw c.error("bucket_percentiles", "need strictly ascending percentiles in (0, 100), got " + raw);
        }
      }
    } else {
      pct = Buckets.equalShares(names.size());
    }
    List<String> keep = c.strings("keep_buckets", names);
    if (keep.isEmpty() || !names.containsAll(keep)) {
      throw c.error("keep_buckets", "need a non-empty subset of the buckets " + names + ", got " + keep);
    }
    return new Buckets(names, pct, new LinkedHashSet<>(keep));
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The document perplexity against {@code max_perplexity}; in paragraph mode lines decide, so both sides mix. */
  @Override
  public String scoreSignal() {
    return "value";
  }

  @Override
  public ScoreCut scoreCut() {
    if (buckets != null) {
      return null;
    }
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
    if (buckets != null) {
      return bucket(d);
    }
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

  // ---- dataset-level buckets ----

  private FilterResult bucket(Document d) {
    if (cuts == null) {
      throw new IllegalStateException("perplexity buckets need per-language cut-offs from a pass over the dataset; "
          + "run the filter in the filter stage (kiln filter / kiln run)");
    }
    SentenceScore s = document(d.text());
    if (s.tokens() == 0) {
      return FilterResult.keep();
    }
    double ppl = s.perplexity();
    List<RankCut> c = cuts.group(group(d)).cuts();
    int b = 0;
    while (b < c.size() && !c.get(b).covers(ppl, d.id())) {
      b++;
    }
    String name = buckets.names().get(b);
    Document out = d.withMeta(BUCKET_META, name);
    Map<String, Double> sig = Map.of("value", ppl, "bucket", (double) b);
    return buckets.keep().contains(name) ? FilterResult.rewrite(out, sig)
        : FilterResult.reject("bucket_" + name, sig).withRewritten(out);
  }

  private static String group(Document d) {
    return d.lang() == null || d.lang().isBlank() ? NO_LANG : d.lang();
  }

  @Override
  public boolean needsCuts() {
    return buckets != null && cuts == null;
  }

  @Override
  public Ranked rank(Document d) {
    SentenceScore s = document(d.text());
    return s.tokens() == 0 ? null : new Ranked(group(d), s.perplexity());
  }

  /** round(p / 100 * n) for each percentile (half up). */
  @Override
  public long[] cutRanks(long n) {
    long[] r = new long[buckets.percentiles().length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.min(n, Math.round(buckets.percentiles()[i] / 100 * n));
    }
    return r;
  }

  @Override
  public PerplexityFilter withCuts(RankCuts c) {
    if (buckets == null) {
      throw new IllegalStateException("only buckets use cut-offs");
    }
    return new PerplexityFilter(scorer, tokenizer, maxPerplexity, per, buckets, c);
  }

  /** Per language: documents ranked, the perplexity at each cut and the documents per bucket. */
  @Override
  public Map<String, Object> describe(RankCuts c) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, RankCuts.Group> e : c.groups().entrySet()) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("docs_ranked", e.getValue().size());
      List<RankCut> cs = e.getValue().cuts();
      Map<String, Object> max = new LinkedHashMap<>();
      Map<String, Object> docs = new LinkedHashMap<>();
      long prev = 0;
      for (int i = 0; i < buckets.names().size(); i++) {
        long end = i < cs.size() ? cs.get(i).rank() : e.getValue().size();
        docs.put(buckets.names().get(i), end - prev);
        if (i < cs.size() && cs.get(i).rank() > 0) {
          max.put(buckets.names().get(i), cs.get(i).key());
        }
        prev = end;
      }
      g.put("cutoff_perplexity", max);
      g.put("docs", docs);
      out.put(e.getKey(), g);
    }
    return out;
  }
}

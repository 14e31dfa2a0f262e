package kiln.filters.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentStage;
import kiln.filters.DocumentFilter;
import kiln.filters.FilterChain;
import kiln.filters.FilterRecipes;
import kiln.filters.FilterRegistry;
import kiln.filters.select.RankCuts;
import kiln.filters.select.RankedFilter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The filter stage. Config:
 * <pre>
 * filters:                 # applied in order; first rejection wins
 *   - length: {min_chars: 200}
 *   - gopher_quality: {max_symbol_word_ratio: 0.1}
 * recipe: fineweb          # instead of filters: a shipped chain (FilterRecipes); the default when neither is given
 * signals: false           # true: drop nothing, write signal.&lt;filter&gt;.&lt;name&gt; into meta
 * </pre>
 * The whole config is parsed (and every filter built) in {@link #fromConfig}, on the driver, so bad keys fail
 * before Spark starts. Executors rebuild the chain from the config text once per partition.
 *
 * <p>Dataset-level filters ({@link RankedFilter}: quality_classifier's {@code keep_top_fraction}, perplexity's
 * {@code buckets}) get their cut-offs first: for each, in chain order, {@link RankCutPass} runs the chain up to
 * it over the whole input and ranks the documents that reach it; then the one filtering pass runs with all
 * cut-offs fixed. Every input row still comes out once, kept or with a reason. The cut-offs are in
 * {@link #statsExtra()} ({@code _stats.json} {@code extra.cutoffs}).
 */
public final class FilterStage extends DocumentStage {
  public static final String NAME = "filter";
  /** Key in {@code _stats.json}'s {@code extra}. */
  public static final String SCORE_CUTS = "score_cuts";

  private final String configYaml;
  private final String origin;
  private final transient FilterChain checked;
  /** Cut-offs by filter index, for the filters that need them; empty until {@link #apply} computed them. */
  private final Map<Integer, RankCuts> cuts;
  private transient Map<String, Object> lastStats = Map.of();
  private transient Map<Integer, RankCuts> lastCuts = Map.of();

  private FilterStage(String configYaml, String origin, FilterChain chain, Map<Integer, RankCuts> cuts) {
    this.configYaml = configYaml;
    this.origin = origin;
    this.checked = chain;
    this.cuts = new TreeMap<>(cuts);
  }

  /** Validates {@code cfg} fully (throws ConfigException naming file and key) and returns the stage. */
  public static FilterStage fromConfig(ConfigNode cfg) {
    FilterChain chain = buildChain(cfg);
    return new FilterStage(yamlOf(cfg), cfg.file(), chain, Map.of());
  }

  /**
   * The chain a config describes; shared by the stage and by non-Spark callers (benchmarks, CLI). The chain is
   * {@code filters:} (a list, possibly empty) or the shipped recipe named by {@code recipe:}; with neither it is
   * {@link FilterRecipes#DEFAULT}. Both at once is an error.
   */
  public static FilterChain buildChain(ConfigNode cfg) {
    List<DocumentFilter> filters;
    if (cfg.has("filters") && cfg.has("recipe")) {
      throw cfg.error("recipe", "give either 'recipe' (a shipped chain) or 'filters' (your own list), not both; "
          + "to change a recipe, copy its filters (docs/filters.md, Recipes) into 'filters'");
    }
    if (cfg.has("filters")) {
      filters = buildFilters(cfg);
    } else {
      String name = cfg.string("recipe", FilterRecipes.DEFAULT);
      if (!FilterRecipes.exists(name)) {
        throw cfg.error("recipe", FilterRecipes.unknown(name));
      }
      cfg.childOrEmpty("filters");
      FilterRecipes.Recipe recipe = FilterRecipes.load(name);
      filters = buildFilters(recipe.node());
      recipe.node().rejectUnknown();
    }
    boolean signals = cfg.bool("signals", false);
    cfg.rejectUnknown();
    return new FilterChain(filters, signals);
  }

  private static List<DocumentFilter> buildFilters(ConfigNode parent) {
    List<DocumentFilter> filters = new ArrayList<>();
    for (ConfigNode item : parent.children("filters")) {
      if (item.keys().size() != 1) {
        throw item.error(null, "each filter must be a one-key mapping {name: {params}}, got keys "
            + item.keys());
      }
      String name = item.keys().iterator().next();
      ConfigNode params = item.childOrEmpty(name);
      filters.add(FilterRegistry.create(item, name, params));
      item.rejectUnknown();
    }
    return filters;
  }

  private static String yamlOf(ConfigNode cfg) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(cfg.raw());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public FilterChain chain() {
    return checked != null ? checked : buildChain(ConfigNode.parse(configYaml, origin));
  }

  @Override
  public String name() {
    return NAME;
  }

  /** {@code chain} with each filter in {@code cuts} replaced by its version that decides by those cut-offs. */
  static FilterChain withCuts(FilterChain chain, Map<Integer, RankCuts> cuts) {
    FilterChain c = chain;
    for (Map.Entry<Integer, RankCuts> e : cuts.entrySet()) {
      c = c.with(e.getKey(), ((RankedFilter) c.filters().get(e.getKey())).withCuts(e.getValue()));
    }
    return c;
  }

  /**
   * Computes the cut-offs of the dataset-level filters over {@code docs} (one Spark pass each, see the class
   * comment), then annotates every row in one more pass.
   */
  @Override
  public Dataset<Row> apply(Dataset<Row> docs) {
    outputSchema(docs.schema());
    FilterChain chain = chain();
    Map<Integer, RankCuts> found = new TreeMap<>();
    Map<String, Object> described = new LinkedHashMap<>();
    List<DocumentFilter> fs = chain.filters();
    for (int i = 0; i < fs.size(); i++) {
      if (fs.get(i) instanceof RankedFilter r && r.needsCuts()) {
        Map<Integer, RankCuts> before = Map.copyOf(found);
        String yaml = configYaml;
        String file = origin;
        RankCuts c = RankCutPass.compute(docs,
            () -> withCuts(buildChain(ConfigNode.parse(yaml, file)), before), i, r);
        found.put(i, c);
        String key = fs.stream().filter(f -> f.name().equals(r.name())).count() > 1 ? r.name() + "#" + i : r.name();
        described.put(key, r.describe(c));
      }
    }
    lastStats = described.isEmpty() ? Map.of() : Map.of("cutoffs", described);
    lastCuts = Map.copyOf(found);
    if (found.isEmpty()) {
      return super.apply(docs);
    }
    return new FilterStage(configYaml, origin, null, found).annotate(docs);
  }

  private Dataset<Row> annotate(Dataset<Row> docs) {
    return super.apply(docs);
  }

  /**
   * {@code cutoffs}: per dataset-level filter, the cut-offs the last {@link #apply} computed; {@code score_cuts}:
   * each model-score filter's signal and cut-off ({@link FilterChain#scoreCuts}), which the report charts.
   */
  @Override
  public Map<String, Object> statsExtra() {
    Map<String, Object> extra = new LinkedHashMap<>(lastStats);
    List<Map<String, Object>> scoreCuts = withCuts(chain(), lastCuts).scoreCuts();
    if (!scoreCuts.isEmpty()) {
      extra.put(SCORE_CUTS, scoreCuts);
    }
    return extra;
  }

  @Override
  protected Kernel newKernel() {
    FilterChain chain = withCuts(buildChain(ConfigNode.parse(configYaml, origin)), cuts);
    return doc -> {
      FilterChain.Verdict v = chain.apply(doc);
      return v.reason() == null ? Outcome.keep(v.doc()) : Outcome.reject(v.doc(), v.reason());
    };
  }
}

package kiln.filters.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentStage;
import kiln.filters.DocumentFilter;
import kiln.filters.FilterChain;
import kiln.filters.FilterRecipes;
import kiln.filters.FilterRegistry;

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
 */
public final class FilterStage extends DocumentStage {
  public static final String NAME = "filter";
  /** Key in {@code _stats.json}'s {@code extra}. */
  public static final String SCORE_CUTS = "score_cuts";

  private final String configYaml;
  private final String origin;
  private final transient FilterChain checked;

  private FilterStage(String configYaml, String origin, FilterChain chain) {
    this.configYaml = configYaml;
    this.origin = origin;
    this.checked = chain;
  }

  /** Validates {@code cfg} fully (throws ConfigException naming file and key) and returns the stage. */
  public static FilterStage fromConfig(ConfigNode cfg) {
    FilterChain chain = buildChain(cfg);
    return new FilterStage(yamlOf(cfg), cfg.file(), chain);
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

  /** {@code score_cuts}: each model-score filter's signal and cut-off ({@link FilterChain#scoreCuts}). */
  @Override
  public Map<String, Object> statsExtra() {
    List<Map<String, Object>> cuts = chain().scoreCuts();
    return cuts.isEmpty() ? Map.of() : Map.of(SCORE_CUTS, cuts);
  }

  @Override
  protected Kernel newKernel() {
    FilterChain chain = buildChain(ConfigNode.parse(configYaml, origin));
    return doc -> {
      FilterChain.Verdict v = chain.apply(doc);
      return v.reason() == null ? Outcome.keep(v.doc()) : Outcome.reject(v.doc(), v.reason());
    };
  }
}

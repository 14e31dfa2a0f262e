package kiln.filters;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import kiln.core.config.ConfigNode;

/**
 * Config name to factory. Names are the snake_case of the class name minus {@code Filter}
 * ({@code GopherQualityFilter} is {@code gopher_quality}). A factory reads its parameters from the node and
 * calls {@link ConfigNode#rejectUnknown()}, so typos fail with the file and key.
 */
public final class FilterRegistry {
  private FilterRegistry() {}

  private static final Map<String, Function<ConfigNode, DocumentFilter>> FACTORIES = new TreeMap<>();

  static {
    register(LengthFilter.NAME, LengthFilter::fromConfig);
    register(GopherQualityFilter.NAME, GopherQualityFilter::fromConfig);
    register(GopherRepetitionFilter.NAME, GopherRepetitionFilter::fromConfig);
    register(C4QualityFilter.NAME, C4QualityFilter::fromConfig);
    register(C4ParagraphFilter.NAME, C4ParagraphFilter::fromConfig);
    register(FineWebQualityFilter.NAME, FineWebQualityFilter::fromConfig);
    register(LanguageFilter.NAME, LanguageFilter::fromConfig);
    register(DecontaminationFilter.NAME, DecontaminationFilter::fromConfig);
    register(URLFilter.NAME, URLFilter::fromConfig);
    register(C4BadWordsFilter.NAME, C4BadWordsFilter::fromConfig);
    register(LineModifierFilter.NAME, LineModifierFilter::fromConfig);
    register(CodeFilter.NAME, CodeFilter::fromConfig);
    register(BookFilter.NAME, BookFilter::fromConfig);
    register(QualityClassifierFilter.NAME, QualityClassifierFilter::fromConfig);
    register(PerplexityFilter.NAME, PerplexityFilter::fromConfig);
    register(PiiRedactionFilter.NAME, PiiRedactionFilter::fromConfig);
  }

  private static void register(String name, Function<ConfigNode, DocumentFilter> f) {
    if (FACTORIES.put(name, f) != null) {
      throw new IllegalStateException("filter registered twice: " + name);
    }
  }

  public static Map<String, Function<ConfigNode, DocumentFilter>> factories() {
    return Collections.unmodifiableMap(FACTORIES);
  }

  /** Builds filter {@code name} from its parameters; unknown names throw a ConfigException at {@code at}. */
  public static DocumentFilter create(ConfigNode at, String name, ConfigNode params) {
    Function<ConfigNode, DocumentFilter> f = FACTORIES.get(name);
    if (f == null) {
      throw at.error(name, "unknown filter (known: " + String.join(", ", FACTORIES.keySet()) + ")");
    }
    return f.apply(params);
  }

  /** {@code GopherQualityFilter} to {@code gopher_quality}. */
  public static String nameOf(Class<?> c) {
    String s = c.getSimpleName();
    if (s.endsWith("Filter")) {
      s = s.substring(0, s.length() - "Filter".length());
    }
    return s.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
        .toLowerCase(java.util.Locale.ROOT);
  }
}

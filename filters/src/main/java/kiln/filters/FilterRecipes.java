package kiln.filters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import kiln.core.config.ConfigNode;

/**
 * Named filter chains shipped as YAML resources ({@code kiln/filters/recipes/NAME.yaml}), each built from a
 * published pipeline: {@code description}, {@code source} and a {@code filters:} list in the filter stage's own
 * format. A filter stage config that names neither {@code filters} nor {@code recipe} runs {@link #DEFAULT}.
 */
public final class FilterRecipes {
  private FilterRecipes() {}

  public static final String DEFAULT = "fineweb";
  public static final List<String> NAMES = List.of("fineweb", "c4", "gopher", "dclm-heuristics", "none");

  /** A recipe as read from its resource. */
  public record Recipe(String name, String description, String source, ConfigNode node) {
    /** The filters of the chain (the {@code filters:} list), as config nodes in order. */
    public List<ConfigNode> filters() {
      return node.children("filters");
    }

    /** Filter names in chain order: {@code url -> language -> ...}. */
    public String chainSummary() {
      List<String> names = new ArrayList<>();
      for (ConfigNode f : filters()) {
        names.addAll(f.keys());
      }
      return names.isEmpty() ? "(no filters)" : String.join(" -> ", names);
    }
  }

  public static boolean exists(String name) {
    return NAMES.contains(name);
  }

  /** The problem text for an unknown name, listing the known ones. */
  public static String unknown(String name) {
    return "unknown recipe '" + name + "' (known: " + String.join(", ", NAMES) + ")";
  }

  static String origin(String name) {
    return "classpath:" + resource(name);
  }

  private static String resource(String name) {
    return "kiln/filters/recipes/" + name + ".yaml";
  }

  /** The recipe's YAML text as shipped. */
  public static String text(String name) {
    if (!exists(name)) {
      throw new IllegalArgumentException(unknown(name));
    }
    try (InputStream in = FilterRecipes.class.getClassLoader().getResourceAsStream(resource(name))) {
      if (in == null) {
        throw new IllegalStateException("recipe resource missing from the build: " + resource(name));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource(name), e);
    }
  }

  /** Reads a recipe; its keys are validated, and errors name the resource and the key. */
  public static Recipe load(String name) {
    ConfigNode n = ConfigNode.parse(text(name), origin(name));
    String description = n.string("description");
    String source = n.string("source");
    n.children("filters");
    return new Recipe(name, description, source, n);
  }
}

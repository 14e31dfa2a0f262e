package kiln.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A YAML mapping that knows where it came from, so every error names the file and the dotted key.
 *
 * <p>Readers take values with typed getters; {@link #rejectUnknown()} then fails on any key nobody
 * read, so a typo ({@code min_wrods}) is an error instead of a silently ignored setting.
 */
public final class ConfigNode {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String file;
  private final String path;
  private final JsonNode node;
  private final Set<String> read = new LinkedHashSet<>();

  private ConfigNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /** Parses a YAML file; a syntax error becomes a {@link ConfigException} with line and column. */
  public static ConfigNode load(Path file) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(name, null, "file not found");
    }
    try {
      JsonNode root = YAML.readTree(file.toFile());
      if (root == null || root.isMissingNode() || root.isNull()) {
        root = JsonNodeFactory.instance.objectNode();
      }
      if (!root.isObject()) {
        throw new ConfigException(name, null, "top level must be a mapping of keys to values");
      }
      return new ConfigNode(name, "", root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new ConfigException(name, null, "not valid YAML" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(name, null, "cannot read: " + e.getMessage());
    }
  }

  /** Parses YAML text (tests, inline configs); {@code origin} stands in for the file name. */
  public static ConfigNode parse(String yaml, String origin) {
    try {
      JsonNode root = YAML.readTree(yaml);
      if (root == null || root.isMissingNode() || root.isNull()) {
        root = JsonNodeFactory.instance.objectNode();
      }
      if (!root.isObject()) {
        throw new ConfigException(origin, null, "top level must be a mapping of keys to values");
      }
      return new ConfigNode(origin, "", root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException(origin, null, "not valid YAML: " + e.getOriginalMessage());
    }
  }

  /** A mapping built in code (e.g. from command-line options); {@code origin} stands in for the file name. */
  public static ConfigNode fromTree(ObjectNode tree, String origin) {
    return new ConfigNode(origin, "", tree);
  }

  /** An empty mapping, for stages configured with nothing but defaults. */
  public static ConfigNode empty(String origin) {
    return new ConfigNode(origin, "", JsonNodeFactory.instance.objectNode());
  }

  public String file() {
    return file;
  }

  /** The dotted path of this node inside its file ({@code stages[1].config}). */
  public String path() {
    return path;
  }

  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public ConfigException error(String key, String problem) {
    return new ConfigException(file, key == null ? (path.isEmpty() ? null : path) : keyPath(key), problem);
  }

  public String string(String key) {
    JsonNode v = required(key);
    if (!v.isValueNode() || v.isNull()) {
      throw error(key, "must be a string, got " + kind(v));
    }
    return v.asText();
  }

  public String string(String key, String dflt) {
    return has(key) ? string(key) : mark(key, dflt);
  }

  public long integer(String key) {
    JsonNode v = required(key);
    if (!v.isIntegralNumber() && !(v.isTextual() && v.asText().matches("-?\\d+"))) {
      throw error(key, "must be an integer, got " + describe(v));
    }
    return v.asLong();
  }

  public long integer(String key, long dflt) {
    return has(key) ? integer(key) : mark(key, dflt);
  }

  /** An integer in {@code [min, max]}. */
  public long integer(String key, long dflt, long min, long max) {
    long v = integer(key, dflt);
    if (v < min || v > max) {
      throw error(key, "must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  public double number(String key) {
    JsonNode v = required(key);
    if (!v.isNumber()) {
      throw error(key, "must be a number, got " + describe(v));
    }
    return v.asDouble();
  }

  public double number(String key, double dflt) {
    return has(key) ? number(key) : mark(key, dflt);
  }

  /** A number in {@code [min, max]}. */
  public double number(String key, double dflt, double min, double max) {
    double v = number(key, dflt);
    if (!(v >= min && v <= max)) {
      throw error(key, "must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  public boolean bool(String key, boolean dflt) {
    if (!has(key)) {
      return mark(key, dflt);
    }
    JsonNode v = required(key);
    if (!v.isBoolean()) {
      throw error(key, "must be true or false, got " + describe(v));
    }
    return v.asBoolean();
  }

  /** One of {@code allowed}. */
  public String choice(String key, String dflt, String... allowed) {
    String v = string(key, dflt);
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    throw error(key, "must be one of " + String.join("|", allowed) + ", got '" + v + "'");
  }

  /** A list of strings; a single scalar counts as a one-element list. */
  public List<String> strings(String key, List<String> dflt) {
    if (!has(key)) {
      return mark(key, dflt);
    }
    JsonNode v = required(key);
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        JsonNode e = v.get(i);
        if (!e.isValueNode() || e.isNull()) {
          throw new ConfigException(file, keyPath(key) + "[" + i + "]", "must be a string, got " + kind(e));
        }
        out.add(e.asText());
      }
    } else if (v.isValueNode()) {
      out.add(v.asText());
    } else {
      throw error(key, "must be a list of strings, got " + kind(v));
    }
    return out;
  }

  public ConfigNode child(String key) {
    JsonNode v = required(key);
    if (!v.isObject()) {
      throw error(key, "must be a mapping, got " + kind(v));
    }
    return new ConfigNode(file, keyPath(key), v);
  }

  /** A child mapping, or an empty one when absent. */
  public ConfigNode childOrEmpty(String key) {
    if (!has(key)) {
      read.add(key);
      return new ConfigNode(file, keyPath(key), JsonNodeFactory.instance.objectNode());
    }
    return child(key);
  }

  /** A list of mappings. */
  public List<ConfigNode> children(String key) {
    JsonNode v = required(key);
    if (!v.isArray()) {
      throw error(key, "must be a list, got " + kind(v));
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String p = keyPath(key) + "[" + i + "]";
      if (!e.isObject()) {
        throw new ConfigException(file, p, "must be a mapping, got " + kind(e));
      }
      out.add(new ConfigNode(file, p, e));
    }
    return out;
  }

  /** A mapping whose keys are names chosen by the user (sources, phases). */
  public Map<String, ConfigNode> namedChildren(String key) {
    ConfigNode c = child(key);
    Map<String, ConfigNode> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = c.node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      c.read.add(e.getKey());
      JsonNode v = e.getValue();
      if (!v.isObject()) {
        throw new ConfigException(file, c.keyPath(e.getKey()), "must be a mapping, got " + kind(v));
      }
      out.put(e.getKey(), new ConfigNode(file, c.keyPath(e.getKey()), v));
    }
    return out;
  }

  /** A mapping of names to numbers (e.g. mixture weights). */
  public Map<String, Double> numbers(String key) {
    ConfigNode c = child(key);
    Map<String, Double> out = new TreeMap<>();
    for (String k : c.keys()) {
      out.put(k, c.number(k));
    }
    return out;
  }

  /** Fails on any key that no getter asked for. */
  public void rejectUnknown() {
    for (String k : keys()) {
      if (!read.contains(k)) {
        throw error(k, "unknown key" + suggestion(k));
      }
    }
  }

  /** The raw node, for code that maps a subtree onto a record. */
  public JsonNode raw() {
    return node;
  }

  /** A stable text form, used to hash configs for resume decisions. */
  public String canonical() {
    try {
      return new ObjectMapper().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .writeValueAsString(new ObjectMapper().convertValue(node, TreeMap.class));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectNode newObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  private JsonNode required(String key) {
    read.add(key);
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw error(key, "is required");
    }
    return v;
  }

  private <T> T mark(String key, T dflt) {
    read.add(key);
    return dflt;
  }

  private String suggestion(String unknown) {
    String best = null;
    int bestD = 3;
    for (String k : read) {
      int d = editDistance(unknown, k);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String kind(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return describe(v);
  }

  private static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "'" + v.asText() + "'";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return v.toString();
  }
}

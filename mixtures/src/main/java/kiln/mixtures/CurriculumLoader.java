package kiln.mixtures;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;

/**
 * Reads and validates a curriculum YAML (schema: docs/mixtures.md). Every problem is a one-line
 * {@link ConfigException} "FILE: key 'a.b': problem", raised before Spark starts.
 *
 * <p>Checks: unknown keys, duplicate keys (YAML parsers otherwise keep the last one silently), duplicate
 * phase names, names unusable in file names, sources with both or neither of {@code paths}/{@code select},
 * local paths that do not exist, unparsable {@code where} expressions, weights that are negative, name an
 * unknown source, are all zero, or (strict mode) do not sum to 1, non-positive token budgets and shard sizes,
 * {@code max_epochs} below 1 or for a source the phase does not use. Budgets that exceed what the sources hold
 * need the data's size and are checked by {@link MixPlanner}.
 */
public final class CurriculumLoader {
  private CurriculumLoader() {}

  /** |sum of weights - 1| above this is "does not sum to 1". */
  public static final double WEIGHT_SUM_TOLERANCE = 1e-6;
  public static final boolean DEFAULT_STRICT = true;
  public static final int DEFAULT_MAX_EPOCHS = 1;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final ObjectMapper STRICT_YAML = new ObjectMapper(
      YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  /** Loads a curriculum file; relative {@code paths} resolve against the file's directory. */
  public static Curriculum load(Path file) {
    ConfigNode root = ConfigNode.load(file);
    try {
      rejectDuplicateKeys(STRICT_YAML.getFactory().createParser(file.toFile()), file.toString());
    } catch (IOException e) {
      throw new ConfigException(file.toString(), null, "cannot read: " + e.getMessage());
    }
    Path dir = file.toAbsolutePath().getParent();
    return fromNode(root, dir);
  }

  /** Parses YAML text ({@code origin} stands in for the file name); relative paths resolve against {@code baseDir}. */
  public static Curriculum parse(String yaml, String origin, Path baseDir) {
    ConfigNode root = ConfigNode.parse(yaml, origin);
    try {
      rejectDuplicateKeys(STRICT_YAML.getFactory().createParser(yaml), origin);
    } catch (IOException e) {
      throw new ConfigException(origin, null, "cannot read: " + e.getMessage());
    }
    return fromNode(root, baseDir);
  }

  /**
   * Validates an already-parsed mapping, e.g. the {@code config:} of a pipeline's {@code mix:} stage.
   * Duplicate keys cannot be detected here (the parser has merged them); {@link #load} detects them.
   */
  public static Curriculum fromNode(ConfigNode node, Path baseDir) {
    List<String> warnings = new ArrayList<>();
    long seed = node.integer("seed");
    boolean strict = node.bool("strict", DEFAULT_STRICT);
    boolean allowShort = node.bool("allow_short", false);
    Curriculum.Output output = output(node.childOrEmpty("output"));

    if (!node.has("sources")) {
      throw node.error("sources", "is required: a mapping of source names to {paths: [...]} or {select: {...}}");
    }
    Map<String, ConfigNode> sourceNodes = node.namedChildren("sources");
    if (sourceNodes.isEmpty()) {
      throw node.error("sources", "must name at least one source");
    }
    Map<String, Curriculum.Source> sources = new TreeMap<>();
    for (Map.Entry<String, ConfigNode> e : sourceNodes.entrySet()) {
      sources.put(e.getKey(), source(e.getKey(), e.getValue(), baseDir));
    }

    if (!node.has("phases")) {
      throw node.error("phases", "is required: a list of {name, tokens, weights}");
    }
    List<ConfigNode> phaseNodes = node.children("phases");
    if (phaseNodes.isEmpty()) {
      throw node.error("phases", "must list at least one phase");
    }
    List<Curriculum.Phase> phases = new ArrayList<>();
    Map<String, Integer> phaseIndex = new HashMap<>();
    for (int i = 0; i < phaseNodes.size(); i++) {
      ConfigNode p = phaseNodes.get(i);
      Curriculum.Phase phase = phase(p, i, sources, strict, warnings);
      Integer prev = phaseIndex.putIfAbsent(phase.name(), i);
      if (prev != null) {
        throw p.error("name", "duplicate phase name '" + phase.name() + "' (also phases[" + prev + "])");
      }
      phases.add(phase);
    }
    node.rejectUnknown();

    for (String s : sources.keySet()) {
      if (phases.stream().noneMatch(ph -> ph.weights().getOrDefault(s, 0.0) > 0)) {
        warnings.add(node.file() + ": key 'sources." + s + "': source has weight 0 in every phase");
      }
    }
    return new Curriculum(node.file(), seed, strict, allowShort, output, sources, phases, warnings);
  }

  private static Curriculum.Output output(ConfigNode n) {
    String format = n.choice("format", Curriculum.Output.DEFAULT_FORMAT,
        Curriculum.Output.FORMATS.toArray(String[]::new));
    long shardSize = Curriculum.Output.DEFAULT_SHARD_SIZE;
    if (n.has("shard_size")) {
      shardSize = tokenCount(n, "shard_size");
    } else {
      n.string("shard_size", null);
    }
    long seq = n.integer("sequence_length", 0, 0, Integer.MAX_VALUE);
    boolean perSource = n.bool("per_source_shards", false);
    n.rejectUnknown();
    return new Curriculum.Output(format, shardSize, (int) seq, perSource);
  }

  private static Curriculum.Source source(String name, ConfigNode n, Path baseDir) {
    String key = n.path();
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(n.file(), key,
          "source name must match " + NAME.pattern() + " (it is used in file names)");
    }
    boolean hasPaths = n.has("paths");
    boolean hasSelect = n.has("select");
    if (hasPaths && hasSelect) {
      throw new ConfigException(n.file(), key, "give either paths or select, not both");
    }
    if (!hasPaths && !hasSelect) {
      throw new ConfigException(n.file(), key,
          "needs paths (tokenized Parquet directories) or select (rows of the pipeline's tokens dataset)");
    }
    List<String> paths = new ArrayList<>();
    Optional<Predicate> select = Optional.empty();
    if (hasPaths) {
      List<String> raw = n.strings("paths", List.of());
      if (raw.isEmpty()) {
        throw n.error("paths", "must list at least one directory");
      }
      for (int i = 0; i < raw.size(); i++) {
        paths.add(resolvePath(raw.get(i), baseDir, n.file(), n.keyPath("paths") + "[" + i + "]"));
      }
    } else {
      select = Optional.of(select(n.child("select")));
    }
    Optional<Predicate> where = Optional.empty();
    if (n.has("where")) {
      String expr = n.string("where");
      try {
        where = Optional.of(PredicateParser.parse(expr));
      } catch (IllegalArgumentException e) {
        throw n.error("where", "cannot parse '" + expr + "': " + e.getMessage());
      }
    } else {
      n.string("where", null);
    }
    int maxEpochs = (int) n.integer("max_epochs", DEFAULT_MAX_EPOCHS, 1, 1_000_000);
    n.rejectUnknown();
    return new Curriculum.Source(name, key, paths, select, where, maxEpochs);
  }

  /** The structured predicate form: every {@code column: value} must hold. */
  private static Predicate select(ConfigNode n) {
    Predicate out = null;
    if (n.keys().isEmpty()) {
      throw new ConfigException(n.file(), n.path(), "must map at least one column to a value, e.g. {source: web}");
    }
    for (String col : n.keys()) {
      JsonNode v = n.raw().get(col);
      Object value;
      if (v.isNumber()) {
        value = n.number(col);
      } else if (v.isBoolean()) {
        value = n.bool(col, false);
      } else if (v.isTextual()) {
        value = n.string(col);
      } else {
        throw n.error(col, "must be a string, number or boolean to compare the column with");
      }
      out = Predicate.and(out, new Predicate.Compare(col, Predicate.Op.EQ, value));
    }
    return out;
  }

  private static String resolvePath(String raw, Path baseDir, String file, String key) {
    if (raw.isBlank()) {
      throw new ConfigException(file, key, "must not be empty");
    }
    String scheme = null;
    if (raw.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      scheme = URI.create(raw.replace(" ", "%20")).getScheme();
    }
    if (scheme != null && !scheme.equalsIgnoreCase("file")) {
      return raw; // remote stores (hdfs, s3a, ...) are checked by Spark when it lists them
    }
    Path p = scheme == null ? Path.of(raw) : Path.of(URI.create(raw.replace(" ", "%20")));
    if (!p.isAbsolute() && baseDir != null) {
      p = baseDir.resolve(p);
    }
    p = p.normalize();
    if (!Files.exists(p)) {
      throw new ConfigException(file, key, "path does not exist: " + p);
    }
    return p.toString();
  }

  private static Curriculum.Phase phase(ConfigNode p, int index, Map<String, Curriculum.Source> sources,
      boolean strict, List<String> warnings) {
    String name = p.string("name");
    if (!NAME.matcher(name).matches()) {
      throw p.error("name", "phase name must match " + NAME.pattern() + " (it is used in file names), got '"
          + name + "'");
    }
    long tokens = tokenCount(p, "tokens");
    if (tokens <= 0) {
      throw p.error("tokens", "must be a positive token count, got " + tokens);
    }
    if (!p.has("weights")) {
      throw p.error("weights", "is required: a mapping of source names to shares of the budget");
    }
    ConfigNode w = p.child("weights");
    Map<String, Double> weights = new LinkedHashMap<>();
    double sum = 0;
    for (String s : w.keys()) {
      double v = w.number(s);
      if (!sources.containsKey(s)) {
        throw w.error(s, "unknown source '" + s + "' (sources: " + String.join(", ", sources.keySet()) + ")");
      }
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw w.error(s, "weight must be >= 0, got " + v);
      }
      weights.put(s, v);
      sum += v;
    }
    if (weights.isEmpty()) {
      throw p.error("weights", "must give at least one source a weight");
    }
    if (sum <= 0) {
      throw p.error("weights", "weights sum to 0; give at least one source a positive weight");
    }
    if (Math.abs(sum - 1.0) > WEIGHT_SUM_TOLERANCE) {
      String msg = "weights sum to " + fmt(sum) + ", not 1";
      if (strict) {
        throw p.error("weights", msg + " (strict: true; set strict: false to normalise them)");
      }
      warnings.add(p.file() + ": key '" + p.keyPath("weights") + "': " + msg + "; normalised");
    }
    Map<String, Double> normalised = new TreeMap<>();
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      normalised.put(e.getKey(), e.getValue() / sum);
    }

    Map<String, Integer> maxEpochs = new TreeMap<>();
    for (String s : weights.keySet()) {
      maxEpochs.put(s, sources.get(s).maxEpochs());
    }
    ConfigNode me = p.childOrEmpty("max_epochs");
    for (String s : me.keys()) {
      long v = me.integer(s);
      if (!sources.containsKey(s)) {
        throw me.error(s, "unknown source '" + s + "' (sources: " + String.join(", ", sources.keySet()) + ")");
      }
      if (!weights.containsKey(s)) {
        throw me.error(s, "source '" + s + "' has no weight in this phase");
      }
      if (v < 1 || v > 1_000_000) {
        throw me.error(s, "must be between 1 and 1000000, got " + v);
      }
      maxEpochs.put(s, (int) v);
    }
    p.rejectUnknown();
    return new Curriculum.Phase(name, index, tokens, normalised, maxEpochs);
  }

  private static long tokenCount(ConfigNode n, String key) {
    String raw = n.string(key);
    try {
      return TokenCount.parse(raw);
    } catch (IllegalArgumentException e) {
      throw n.error(key, e.getMessage());
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "");
  }

  /** Walks the whole document with duplicate detection on; the first duplicate is an error naming its key. */
  private static void rejectDuplicateKeys(JsonParser parser, String file) throws IOException {
    try (JsonParser p = parser) {
      while (p.nextToken() != null) {
        // reading is enough: the parser throws on a repeated key within one mapping
      }
    } catch (JsonParseException e) {
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Duplicate field")) {
        JsonStreamContext ctx = e.getProcessor() == null ? null : e.getProcessor().getParsingContext();
        String key = ctx == null ? null : dotted(ctx);
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        throw new ConfigException(file, key, "duplicate key" + where + "; each key may appear once");
      }
      throw new ConfigException(file, null, "not valid YAML: " + msg);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file, null, "not valid YAML: " + e.getOriginalMessage());
    }
  }

  private static String dotted(JsonStreamContext ctx) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        parts.add(0, "." + c.getCurrentName());
      }
    }
    String s = String.join("", parts);
    return s.startsWith(".") ? s.substring(1) : s;
  }
}

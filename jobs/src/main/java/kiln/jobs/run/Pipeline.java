package kiln.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A pipeline YAML, parsed and fully validated: every step is built from its config here, before any
 * Spark session exists, so a typo fails in milliseconds with the file and the key.
 *
 * <pre>
 * name: demo
 * output: ./kiln-out            # --out overrides
 * spark: {master: local[*], conf: {spark.sql.shuffle.partitions: 8}}
 * inputs:                       # the ingest step: one entry per corpus (or input: DATASET)
 *   - {format: warc, source: web, paths: [crawl/]}
 * stages:                       # run in order, each into OUT/&lt;name&gt;/
 *   - filter: {filters: [{length: {min_chars: 200}}]}
 *   - dedup: {exact: true}
 *   - tokenize: {tokenizer: "spm:builtin:kiln-demo"}
 *   - mix: {...}
 * report: true
 * </pre>
 */
public final class Pipeline {
  private final String file;
  private final String name;
  private final String output;
  private final String input;
  private final String master;
  private final Map<String, String> sparkConf;
  private final List<Step> steps;
  private final boolean report;
  private final String hash;

  private Pipeline(String file, String name, String output, String input, String master,
                   Map<String, String> sparkConf, List<Step> steps, boolean report, String hash) {
    this.file = file;
    this.input = input;
    this.name = name;
    this.output = output;
    this.master = master;
    this.sparkConf = sparkConf;
    this.steps = steps;
    this.report = report;
    this.hash = hash;
  }

  public static Pipeline load(Path yaml) {
    return parse(ConfigNode.load(yaml), yaml.toAbsolutePath().getParent());
  }

  /** Parses a pipeline; relative input paths resolve against {@code baseDir}. */
  public static Pipeline parse(ConfigNode root, Path baseDir) {
    String name = root.string("name", "kiln");
    String output = root.string("output", null);
    String input = root.has("input") ? resolve(root.string("input"), baseDir) : null;
    String master = null;
    Map<String, String> conf = new LinkedHashMap<>();
    if (root.has("spark")) {
      ConfigNode spark = root.child("spark");
      master = spark.string("master", null);
      if (spark.has("conf")) {
        ConfigNode c = spark.child("conf");
        for (String k : c.keys()) {
          conf.put(k, c.string(k));
        }
      }
      spark.rejectUnknown();
    }
    boolean report = root.bool("report", true);
    List<Step> steps = new ArrayList<>();
    String canonical = root.canonical();
    List<ConfigNode> inputs = root.has("inputs") ? root.children("inputs") : List.of();
    if (inputs.isEmpty() && input == null) {
      throw root.error("inputs", "a pipeline needs inputs to ingest, or an 'input' dataset for its first stage");
    }
    if (!inputs.isEmpty() && input != null) {
      throw root.error("input", "give either inputs (to ingest) or input (an existing dataset), not both");
    }
    if (!inputs.isEmpty()) {
      for (ConfigNode in : inputs) {
        resolvePaths(in, baseDir);
      }
      steps.add(StepRegistry.ingest(inputs, hashOf(inputsCanonical(inputs))));
    }
    Map<String, Integer> seen = new HashMap<>();
    if (root.has("stages")) {
      for (ConfigNode entry : root.children("stages")) {
        if (entry.keys().size() != 1) {
          throw new ConfigException(entry.file(), entry.path(),
              "each stage is a one-key mapping such as '- filter: {...}', got keys " + entry.keys());
        }
        String type = entry.keys().iterator().next();
        ConfigNode cfg = entry.childOrEmpty(type);
        int n = seen.merge(type, 1, Integer::sum);
        String stepName = n == 1 ? type : type + "_" + n;
        steps.add(StepRegistry.build(type, stepName, cfg, hashOf(cfg.canonical()), baseDir));
        entry.rejectUnknown();
      }
    }
    root.rejectUnknown();
    if (steps.isEmpty()) {
      throw root.error("stages", "nothing to run");
    }
    return new Pipeline(root.file(), name, output, input, master, conf, List.copyOf(steps), report,
        hashOf(canonical));
  }

  /** Makes relative {@code paths} entries absolute against the YAML file's folder (URIs are kept). */
  private static void resolvePaths(ConfigNode in, Path baseDir) {
    JsonNode raw = in.raw();
    if (baseDir != null && raw instanceof ObjectNode o && o.has("listing") && o.get("listing").isTextual()) {
      o.put("listing", resolve(o.get("listing").asText(), baseDir)); // a Common Crawl input's listing file
    }
    if (baseDir == null || !(raw instanceof ObjectNode obj) || !obj.has("paths")) {
      return;
    }
    JsonNode paths = obj.get("paths");
    ArrayNode resolved = obj.arrayNode();
    if (paths.isArray()) {
      paths.forEach(p -> resolved.add(resolve(p.asText(), baseDir)));
    } else if (paths.isValueNode()) {
      resolved.add(resolve(paths.asText(), baseDir));
    } else {
      return;
    }
    obj.set("paths", resolved);
  }

  static String resolve(String p, Path baseDir) {
    if (p.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || p.startsWith("/")) {
      return p;
    }
    return baseDir.resolve(p).normalize().toString();
  }

  private static String inputsCanonical(List<ConfigNode> inputs) {
    StringBuilder sb = new StringBuilder();
    for (ConfigNode n : inputs) {
      sb.append(n.canonical()).append('\n');
    }
    return sb.toString();
  }

  static String hashOf(String s) {
    return DigestUtils.sha256Hex(s).substring(0, 16);
  }

  public String file() {
    return file;
  }

  public String name() {
    return name;
  }

  public String output() {
    return output;
  }

  /** The dataset the first stage reads when the pipeline has no inputs to ingest, else null. */
  public String input() {
    return input;
  }

  public String master() {
    return master;
  }

  public Map<String, String> sparkConf() {
    return sparkConf;
  }

  public List<Step> steps() {
    return steps;
  }

  public boolean report() {
    return report;
  }

  public String hash() {
    return hash;
  }
}

package kiln.filters.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.FilterChain;
import kiln.filters.spark.FilterStage;

/**
 * Prints a SHA-256 over every document's verdict and signals for one filter config per compat mode, on the
 * benchmark corpus ({@link FilterChainBench#corpus()}). Run it before and after a change to a kernel to show which
 * mode's decisions moved: {@code VerdictDigest 'fineweb_quality: {compat: %s}'}.
 */
public final class VerdictDigest {
  private VerdictDigest() {}

  public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
    String filter = args.length > 0 ? args[0] : "fineweb_quality: {compat: %s}";
    List<Document> docs = FilterChainBench.corpus();
    for (String compat : List.of("none", "datatrove")) {
      FilterChain chain = FilterStage.buildChain(ConfigNode.parse(
          "signals: true\nfilters:\n  - " + String.format(filter, compat), "digest"));
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Map<String, Integer> rules = new TreeMap<>();
      for (Document d : docs) {
        Map<String, String> meta = new TreeMap<>(chain.apply(d).doc().meta());
        sha.update((d.id() + "\t" + meta + "\n").getBytes(StandardCharsets.UTF_8));
        String rule = meta.entrySet().stream().filter(e -> e.getKey().endsWith(".rule")).map(Map.Entry::getValue)
            .findFirst().orElse("kept");
        rules.merge(rule, 1, Integer::sum);
      }
      System.out.printf("DIGEST filter=\"%s\" docs=%d sha256=%s verdicts=%s%n", String.format(filter, compat),
          docs.size(), HexFormat.of().formatHex(sha.digest()), rules);
    }
  }
}

package kiln.mixtures;

import java.util.Locale;
import java.util.Map;

/**
 * Megatron-LM's {@code --data-path} weight string for a phase: {@code w1 prefix1 w2 prefix2 ...}.
 *
 * <p>Weights are each shard set's share of the phase's tokens, w_i = tokens_i / Σ tokens (Megatron normalises
 * them again, so only ratios matter). When a phase is written as one mixed shard set, the mixing is already
 * in the data, and the weights merely make Megatron read every shard in proportion to its size. With
 * {@code per_source_shards: true} each prefix holds one source's selected tokens, so the same formula gives
 * the achieved mixture shares and Megatron's BlendedDataset does the interleaving. The same text, one line,
 * is the content of the phase's blend file (Megatron's {@code --data-args-path}).
 */
public final class MegatronBlend {
  private MegatronBlend() {}

  /** @param tokensByPrefix shard prefix (path without .bin/.idx) to its token count, in the order to list them */
  public static String dataPath(Map<String, Long> tokensByPrefix) {
    long total = 0;
    for (Map.Entry<String, Long> e : tokensByPrefix.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("tokens of '" + e.getKey() + "' must be >= 0, got " + e.getValue());
      }
      if (e.getKey().isBlank() || e.getKey().chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("prefix must be non-empty without whitespace, got '" + e.getKey() + "'");
      }
      total += e.getValue();
    }
    if (total == 0) {
      throw new IllegalArgumentException("tokensByPrefix must hold at least one token");
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : tokensByPrefix.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(String.format(Locale.ROOT, "%.8f", (double) e.getValue() / total)).append(' ').append(e.getKey());
    }
    return sb.toString();
  }
}

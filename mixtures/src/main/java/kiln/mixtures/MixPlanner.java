package kiln.mixtures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.core.config.ConfigException;

/**
 * Turns a curriculum and measured source sizes into a {@link MixPlan}, failing when a budget cannot be met.
 *
 * <p>Requested tokens: the budget B is split by largest remainder, so that the requests sum to B exactly:
 * each source gets floor(B × w), and the B − Σ floor(B × w) leftover tokens go one each to the sources with
 * the largest fractional parts (ties by name). A source is short when its request R exceeds
 * max_epochs × A (A = its tokens after filtering); the error names it and the shortfall R − max_epochs × A.
 * With {@code allow_short: true} the plan instead takes all max_epochs passes of it, records the shortfall in
 * its {@link MixPlan.Take}, and the phase holds that many tokens fewer than its budget.
 *
 * <p>Phases are planned independently: each phase may draw any document of a source, including ones an
 * earlier phase drew (sampling hashes include the phase name, so phases pick different subsets). Epochs
 * and max_epochs therefore count passes within one phase.
 */
public final class MixPlanner {
  private MixPlanner() {}

  /**
   * @param sizes one epoch of each source used with positive weight (after its filter)
   * @throws ConfigException naming {@code phases[i].weights.<source>} when a source is short
   */
  public static MixPlan plan(Curriculum c, Map<String, SourceSize> sizes) {
    List<MixPlan.Phase> phases = new ArrayList<>();
    for (Curriculum.Phase p : c.phases()) {
      List<String> used = p.weights().entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
          .sorted().toList();
      long[] requested = apportion(p.tokens(), used.stream().map(s -> p.weights().get(s)).toList(), used);
      List<MixPlan.Take> takes = new ArrayList<>();
      for (int i = 0; i < used.size(); i++) {
        String s = used.get(i);
        SourceSize size = sizes.get(s);
        if (size == null) {
          throw new IllegalArgumentException("no size measured for source '" + s + "'");
        }
        String key = p.key() + ".weights." + s;
        int maxEpochs = p.maxEpochs().get(s);
        long r = requested[i];
        long capacity = Math.multiplyHigh(size.tokens(), maxEpochs) == 0 && size.tokens() * maxEpochs >= 0
            ? size.tokens() * maxEpochs : Long.MAX_VALUE;
        long shortBy = Math.max(0, r - capacity);
        MixPlan.Take take = new MixPlan.Take(s, p.weights().get(s), r, size.tokens(), size.docs(), maxEpochs, shortBy);
        if (shortBy > 0 && !c.allowShort()) {
          String why = size.tokens() == 0
              ? "source '" + s + "' has no tokens (after its filter) but phase '" + p.name() + "' requests " + r
              : String.format(Locale.ROOT,
                  "source '%s' is short by %d tokens in phase '%s': needs %.2f epochs of its %d tokens, max_epochs %d",
                  s, shortBy, p.name(), (double) r / size.tokens(), size.tokens(), maxEpochs);
          throw new ConfigException(c.file(), key, why + " (raise max_epochs, lower the weight, or set allow_short: true)");
        }
        takes.add(take);
      }
      phases.add(new MixPlan.Phase(p.name(), p.index(), c.seed(), p.tokens(), takes));
    }
    return new MixPlan(c.file(), c.seed(), c.output(), phases);
  }

  /** Largest-remainder split of {@code total} by {@code weights} (which sum to 1); ties go to the earlier name. */
  static long[] apportion(long total, List<Double> weights, List<String> names) {
    int n = weights.size();
    long[] out = new long[n];
    double[] frac = new double[n];
    long sum = 0;
    double wsum = weights.stream().mapToDouble(Double::doubleValue).sum();
    for (int i = 0; i < n; i++) {
      double exact = total * (weights.get(i) / wsum);
      out[i] = (long) Math.floor(exact);
      frac[i] = exact - out[i];
      sum += out[i];
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      idx.add(i);
    }
    idx.sort(Comparator.<Integer>comparingDouble(i -> -frac[i]).thenComparing(names::get));
    for (int k = 0; sum < total && n > 0; k = (k + 1) % n) {
      out[idx.get(k)]++;
      sum++;
    }
    for (int k = n - 1; sum > total && k >= 0; k--) {
      // floating error can only push floors up by one at the very most; give the excess back
      if (out[idx.get(k)] > 0) {
        out[idx.get(k)]--;
        sum--;
      }
    }
    return out;
  }
}

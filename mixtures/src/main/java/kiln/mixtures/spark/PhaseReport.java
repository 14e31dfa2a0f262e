package kiln.mixtures.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.core.Columns;
import kiln.core.config.ConfigNode;
import kiln.mixtures.MixPlan;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a phase achieved against its plan, per source: tokens requested and drawn, share of the phase's tokens
 * against the target weight, passes over the source, rows and distinct documents. Computed with one Spark
 * aggregation over the selected rows; goes into the phase's manifest ({@link #toJson()}).
 *
 * @param phase phase name
 * @param budget the phase's token budget
 * @param sources in name order
 */
public record PhaseReport(String phase, long budget, List<SourceReport> sources) {
  public PhaseReport {
    sources = List.copyOf(sources);
  }

  /**
   * One source in one phase.
   *
   * @param targetShare the normalised weight
   * @param requestedTokens planned tokens
   * @param achievedTokens Σ n_tokens of the selected rows
   * @param rows selected rows (a document drawn in two epochs counts twice)
   * @param documents distinct documents (rows of epoch 0)
   * @param epochsUsed epoch indices present (full passes plus a partial one)
   * @param epochs achieved passes, achievedTokens / availableTokens
   * @param availableTokens one epoch of the source
   */
  public record SourceReport(String source, double targetShare, long requestedTokens, long achievedTokens, long rows,
      long documents, int epochsUsed, double epochs, long availableTokens, int maxEpochs) {}

  public static PhaseReport compute(MixPlan.Phase plan, Dataset<Row> selected) {
    Map<String, Row> agg = new HashMap<>();
    for (Row r : selected.groupBy(Columns.SOURCE)
        .agg(sum(col(Columns.N_TOKENS).cast("long")), count(lit(1)),
            sum(when(col(MixSampler.EPOCH).equalTo(0), 1).otherwise(0)).cast("long"), max(MixSampler.EPOCH))
        .collectAsList()) {
      agg.put(r.getString(0), r);
    }
    List<SourceReport> out = new ArrayList<>();
    for (MixPlan.Take t : plan.takes()) {
      Row r = agg.get(t.source());
      long achieved = r == null ? 0 : r.getLong(1);
      long rows = r == null ? 0 : r.getLong(2);
      long docs = r == null ? 0 : r.getLong(3);
      int epochsUsed = r == null ? 0 : r.getInt(4) + 1;
      out.add(new SourceReport(t.source(), t.weight(), t.requestedTokens(), achieved, rows, docs, epochsUsed,
          (double) achieved / t.availableTokens(), t.availableTokens(), t.maxEpochs()));
    }
    return new PhaseReport(plan.name(), plan.budget(), out);
  }

  public long achievedTokens() {
    return sources.stream().mapToLong(SourceReport::achievedTokens).sum();
  }

  /** The source's share of the tokens the phase achieved. */
  public double achievedShare(String source) {
    long total = achievedTokens();
    return sources.stream().filter(s -> s.source().equals(source)).mapToLong(SourceReport::achievedTokens)
        .sum() / (double) (total == 0 ? 1 : total);
  }

  public SourceReport source(String name) {
    return sources.stream().filter(s -> s.source().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("phase '" + phase + "' has no source '" + name + "'"));
  }

  /** For the phase manifest: {@code {phase, budget, achieved_tokens, sources: {name: {...}}}}. */
  public ObjectNode toJson() {
    ObjectNode root = ConfigNode.newObject();
    root.put("phase", phase).put("budget_tokens", budget).put("achieved_tokens", achievedTokens());
    ObjectNode srcs = root.putObject("sources");
    for (SourceReport s : sources) {
      ObjectNode o = srcs.putObject(s.source());
      o.put("target_share", s.targetShare()).put("achieved_share", achievedShare(s.source()))
          .put("requested_tokens", s.requestedTokens()).put("achieved_tokens", s.achievedTokens())
          .put("rows", s.rows()).put("documents", s.documents()).put("epochs", s.epochs())
          .put("epochs_used", s.epochsUsed()).put("max_epochs", s.maxEpochs())
          .put("available_tokens", s.availableTokens());
    }
    return root;
  }

  public String toText() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "phase '%s': %d of %d tokens%n", phase,
        achievedTokens(), budget));
    for (SourceReport s : sources) {
      sb.append(String.format(Locale.ROOT, "  %-16s target %6.2f%% achieved %6.2f%%  %d/%d tokens  %d docs  %.3f epochs%n",
          s.source(), 100 * s.targetShare(), 100 * achievedShare(s.source()), s.achievedTokens(),
          s.requestedTokens(), s.documents(), s.epochs()));
    }
    return sb.toString();
  }

}

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
 * against the target weight, passes over the source, rows and distinct documents, the partial document cut at
 * the budget boundary, and, when the source ran out, by how many tokens and why. Computed with one Spark
 * aggregation and one filter over the selected rows; goes into the phase's manifest ({@link #toJson()}).
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
   * @param shortTokens tokens the source could not give (it ran out; {@code allow_short: true}), else 0
   * @param shortReason why, one line; empty when not short
   * @param partial the document cut at the boundary, or null when the source's tokens end on a document boundary
   */
  public record SourceReport(String source, double targetShare, long requestedTokens, long achievedTokens, long rows,
      long documents, int epochsUsed, double epochs, long availableTokens, int maxEpochs, long shortTokens,
      String shortReason, Partial partial) {}

  /**
   * A partial document: tokens [0, keptTokens) of document {@code id} (which has {@code docTokens}) in pass
   * {@code epoch}.
   */
  public record Partial(String id, int epoch, int keptTokens, int docTokens) {}

  public static PhaseReport compute(MixPlan.Phase plan, Dataset<Row> selected) {
    Map<String, Row> agg = new HashMap<>();
    for (Row r : selected.groupBy(Columns.SOURCE)
        .agg(sum(col(Columns.N_TOKENS).cast("long")), count(lit(1)),
            sum(when(col(MixSampler.EPOCH).equalTo(0), 1).otherwise(0)).cast("long"), max(MixSampler.EPOCH))
        .collectAsList()) {
      agg.put(r.getString(0), r);
    }
    Map<String, Partial> partials = new HashMap<>();
    for (Row r : selected.filter(col(Columns.N_TOKENS).lt(col(MixSampler.DOC_TOKENS)))
        .select(Columns.SOURCE, Columns.ID, MixSampler.EPOCH, Columns.N_TOKENS, MixSampler.DOC_TOKENS)
        .collectAsList()) {
      Partial prev = partials.put(r.getString(0), new Partial(r.getString(1), r.getInt(2), r.getInt(3), r.getInt(4)));
      if (prev != null) {
        throw new IllegalStateException("phase '" + plan.name() + "' cut two documents of source '" + r.getString(0)
            + "': " + prev.id() + ", " + r.getString(1));
      }
    }
    List<SourceReport> out = new ArrayList<>();
    for (MixPlan.Take t : plan.takes()) {
      Row r = agg.get(t.source());
      long achieved = r == null ? 0 : r.getLong(1);
      long rows = r == null ? 0 : r.getLong(2);
      long docs = r == null ? 0 : r.getLong(3);
      int epochsUsed = r == null ? 0 : r.getInt(4) + 1;
      out.add(new SourceReport(t.source(), t.weight(), t.requestedTokens(), achieved, rows, docs, epochsUsed,
          t.availableTokens() == 0 ? 0 : (double) achieved / t.availableTokens(), t.availableTokens(),
          t.maxEpochs(), t.shortTokens(), t.shortReason(), partials.get(t.source())));
    }
    return new PhaseReport(plan.name(), plan.budget(), out);
  }

  public long achievedTokens() {
    return sources.stream().mapToLong(SourceReport::achievedTokens).sum();
  }

  /** Tokens the phase misses because sources ran out. */
  public long shortTokens() {
    return sources.stream().mapToLong(SourceReport::shortTokens).sum();
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
    root.put("phase", phase).put("budget_tokens", budget).put("achieved_tokens", achievedTokens())
        .put("short_tokens", shortTokens());
    ObjectNode srcs = root.putObject("sources");
    for (SourceReport s : sources) {
      ObjectNode o = srcs.putObject(s.source());
      o.put("target_share", s.targetShare()).put("achieved_share", achievedShare(s.source()))
          .put("requested_tokens", s.requestedTokens()).put("achieved_tokens", s.achievedTokens())
          .put("rows", s.rows()).put("documents", s.documents()).put("epochs", s.epochs())
          .put("epochs_used", s.epochsUsed()).put("max_epochs", s.maxEpochs())
          .put("available_tokens", s.availableTokens()).put("short_tokens", s.shortTokens());
      if (s.shortTokens() > 0) {
        o.put("short_reason", s.shortReason());
      }
      if (s.partial() == null) {
        o.putNull("partial_document");
      } else {
        o.putObject("partial_document").put("id", s.partial().id()).put("epoch", s.partial().epoch())
            .put("token_start", 0).put("token_end", s.partial().keptTokens())
            .put("doc_tokens", s.partial().docTokens());
      }
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
      if (s.partial() != null) {
        sb.append(String.format(Locale.ROOT, "    partial document %s (epoch %d): tokens [0, %d) of %d%n",
            s.partial().id(), s.partial().epoch(), s.partial().keptTokens(), s.partial().docTokens()));
      }
      if (s.shortTokens() > 0) {
        sb.append("    SHORT ").append(s.shortReason()).append('\n');
      }
    }
    return sb.toString();
  }

}

package kiln.mixtures;

import java.util.List;
import java.util.Locale;

/**
 * How many tokens each phase draws from each source, and how many passes over the source that takes.
 * Made by {@link MixPlanner}; executed by {@code kiln.mixtures.spark.MixSampler}; printed by
 * {@code kiln mix --plan} through {@link #toText()}.
 *
 * @param file the curriculum it was planned from
 * @param seed the curriculum's seed
 * @param output how the runner writes each phase
 * @param phases in training order
 */
public record MixPlan(String file, long seed, Curriculum.Output output, List<Phase> phases) {
  public MixPlan {
    phases = List.copyOf(phases);
  }

  /**
   * One phase.
   *
   * @param name phase name, part of every hash
   * @param index position in the curriculum
   * @param seed the curriculum's seed
   * @param budget the phase's token budget; equals the sum of {@link Take#requestedTokens()}
   * @param takes per source with a positive weight, in name order
   */
  public record Phase(String name, int index, long seed, long budget, List<Take> takes) {
    public Phase {
      takes = List.copyOf(takes);
    }

    /** Tokens the phase will hold: the budget, less what short sources cannot give. */
    public long plannedTokens() {
      return takes.stream().mapToLong(Take::plannedTokens).sum();
    }

    /** Σ {@link Take#shortTokens()}: 0 unless a source runs out (only with {@code allow_short: true}). */
    public long shortTokens() {
      return takes.stream().mapToLong(Take::shortTokens).sum();
    }

    public Take take(String source) {
      return takes.stream().filter(t -> t.source().equals(source)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("phase '" + name + "' does not use source '" + source + "'"));
    }
  }

  /**
   * What one phase draws from one source.
   *
   * <p>With P = {@link #plannedTokens()} (R = {@code requestedTokens}, unless the source runs out) and
   * A = {@code availableTokens}: the phase takes {@code fullEpochs} = floor(P / A) whole passes over the
   * source, then {@code partialTokens} = P mod A more tokens from one further, hash-ranked pass, the last
   * document of which may be cut at the boundary. {@link #epochs()} = P / A.
   *
   * @param source source name
   * @param weight normalised share of the phase budget
   * @param requestedTokens tokens wanted from this source
   * @param availableTokens tokens in one epoch of the source
   * @param availableDocs documents in one epoch of the source
   * @param maxEpochs passes allowed; P &lt;= maxEpochs × A holds
   * @param shortTokens R − maxEpochs × A when the source runs out (the curriculum allowed it), else 0
   */
  public record Take(String source, double weight, long requestedTokens, long availableTokens, long availableDocs,
      int maxEpochs, long shortTokens) {
    public Take {
      if (requestedTokens < 0 || shortTokens < 0 || shortTokens > requestedTokens
          || availableTokens <= 0 && requestedTokens - shortTokens > 0) {
        throw new IllegalArgumentException("source '" + source + "': cannot take " + (requestedTokens - shortTokens)
            + " tokens from " + availableTokens);
      }
    }

    /** A source that does not run out. */
    public Take(String source, double weight, long requestedTokens, long availableTokens, long availableDocs,
        int maxEpochs) {
      this(source, weight, requestedTokens, availableTokens, availableDocs, maxEpochs, 0);
    }

    /** Tokens the phase draws from the source: the request, less the shortfall. */
    public long plannedTokens() {
      return requestedTokens - shortTokens;
    }

    public int fullEpochs() {
      return plannedTokens() == 0 ? 0 : (int) (plannedTokens() / availableTokens);
    }

    public long partialTokens() {
      return plannedTokens() == 0 ? 0 : plannedTokens() % availableTokens;
    }

    /** Passes over the source, fractional: P / A (0 when nothing is drawn). */
    public double epochs() {
      return plannedTokens() == 0 ? 0 : (double) plannedTokens() / availableTokens;
    }

    /** Why the source falls short, one line; empty when it does not. */
    public String shortReason() {
      if (shortTokens == 0) {
        return "";
      }
      if (availableTokens == 0) {
        return String.format(Locale.ROOT, "source '%s' is short by %d tokens: it has no tokens (after its filter)",
            source, shortTokens);
      }
      return String.format(Locale.ROOT,
          "source '%s' is short by %d tokens: needs %.2f epochs of its %d tokens, max_epochs %d", source,
          shortTokens, (double) requestedTokens / availableTokens, availableTokens, maxEpochs);
    }

    /** Epoch indices used: full passes plus one if there is a partial pass. */
    public int epochsTouched() {
      return fullEpochs() + (partialTokens() > 0 ? 1 : 0);
    }
  }

  /** The plan as a table, one block per phase; what {@code kiln mix --plan} prints. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("curriculum ").append(file).append("  seed ").append(seed).append("  output ")
        .append(output.format()).append(", shard_size ").append(TokenCount.format(output.shardSize()))
        .append(output.sequenceLength() > 0 ? ", sequence_length " + output.sequenceLength() : "")
        .append(output.perSourceShards() ? ", per-source shards" : "").append('\n');
    for (Phase p : phases) {
      sb.append('\n').append(String.format(Locale.ROOT, "phase %d '%s': %s tokens (%d)%n", p.index() + 1,
          p.name(), TokenCount.format(p.budget()), p.budget()));
      sb.append(String.format(Locale.ROOT, "  %-16s %7s %16s %16s %12s %8s %6s %10s%n", "source", "weight",
          "requested", "available", "docs", "epochs", "max", "passes"));
      for (Take t : p.takes()) {
        sb.append(String.format(Locale.ROOT, "  %-16s %6.2f%% %16d %16d %12d %8.3f %6d %10s%n", t.source(),
            100 * t.weight(), t.requestedTokens(), t.availableTokens(), t.availableDocs(), t.epochs(),
            t.maxEpochs(), t.fullEpochs() + (t.partialTokens() > 0 ? " + part" : "")));
      }
      for (Take t : p.takes()) {
        if (t.shortTokens() > 0) {
          sb.append("  SHORT ").append(t.shortReason()).append(" (allow_short: true)\n");
        }
      }
      if (p.shortTokens() > 0) {
        sb.append(String.format(Locale.ROOT, "  the phase reaches %d of its %d tokens%n", p.plannedTokens(),
            p.budget()));
      }
    }
    return sb.toString();
  }
}

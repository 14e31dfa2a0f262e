package kiln.mixtures;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated curriculum: which tokenized sources exist, and for each phase how many tokens to draw and in
 * which proportions. Built only by {@link CurriculumLoader}, which has already checked everything that can be
 * checked without reading data; {@link MixPlanner} checks the rest against the measured source sizes.
 *
 * @param file the YAML file (or origin) it came from, used in error messages
 * @param seed seeds every hash used for sampling and shuffling
 * @param strict whether phase weights must sum to 1 (otherwise they are normalised with a warning)
 * @param allowShort whether a source that runs out (request beyond max_epochs passes) is taken whole and
 *     reported instead of failing the plan
 * @param output how the runner writes each phase
 * @param sources by name, iterated in name order
 * @param phases in training order
 * @param warnings non-fatal findings (normalised weights, unused sources), for the CLI to print
 */
public record Curriculum(String file, long seed, boolean strict, boolean allowShort, Output output, Map<String, Source> sources,
    List<Phase> phases, List<String> warnings) {

  public Curriculum {
    sources = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(sources));
    phases = List.copyOf(phases);
    warnings = List.copyOf(warnings);
  }

  /** Whether any source takes its rows from the pipeline's upstream dataset ({@code select:}). */
  public boolean needsUpstream() {
    return sources.values().stream().anyMatch(Source::fromUpstream);
  }

  /**
   * A named source of tokenized documents.
   *
   * @param name the curriculum's name for it; selected rows carry it in their {@code source} column
   * @param key its dotted config key ({@code sources.web}), for error messages
   * @param paths Parquet directories in the tokens schema; empty when {@link #select} is used
   * @param select rows of the upstream dataset this source takes (pipeline {@code mix:} stage)
   * @param where an extra row filter on columns or {@code meta} keys
   * @param maxEpochs default for how many times a phase may go through this source
   */
  public record Source(String name, String key, List<String> paths, Optional<Predicate> select,
      Optional<Predicate> where, int maxEpochs) {
    public Source {
      paths = List.copyOf(paths);
      if (paths.isEmpty() == select.isEmpty()) {
        throw new IllegalArgumentException("source '" + name + "' needs exactly one of paths, select");
      }
      if (maxEpochs < 1) {
        throw new IllegalArgumentException("maxEpochs must be >= 1, got " + maxEpochs);
      }
    }

    public boolean fromUpstream() {
      return select.isPresent();
    }

    /** {@code select and where}, whichever are present. */
    public Optional<Predicate> filter() {
      return Optional.ofNullable(Predicate.and(select.orElse(null), where.orElse(null)));
    }
  }

  /**
   * One training phase.
   *
   * @param name unique, used in hashes and output folder names
   * @param index position in {@code phases}, for error messages ({@code phases[1]})
   * @param tokens the phase's token budget
   * @param weights target share of the budget per source, summing to 1, in name order; sources absent
   *     here take no part in the phase
   * @param maxEpochs per source in {@code weights}: how many passes over it the phase may make
   */
  public record Phase(String name, int index, long tokens, Map<String, Double> weights,
      Map<String, Integer> maxEpochs) {
    public Phase {
      if (tokens <= 0) {
        throw new IllegalArgumentException("tokens must be > 0, got " + tokens);
      }
      weights = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(weights));
      maxEpochs = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(maxEpochs));
    }

    public String key() {
      return "phases[" + index + "]";
    }
  }

  /**
   * How the runner writes a phase (handed to the tokenize module's shard writers).
   *
   * @param format {@code megatron} (default), {@code datatrove} or {@code parquet}
   * @param shardSize tokens per shard
   * @param sequenceLength packing length in tokens, 0 for no packing
   * @param perSourceShards one shard set per source (Megatron's BlendedDataset mixes) instead of one mixed set
   */
  public record Output(String format, long shardSize, int sequenceLength, boolean perSourceShards) {
    public static final String DEFAULT_FORMAT = "megatron";
    public static final long DEFAULT_SHARD_SIZE = 1_000_000_000L;
    public static final List<String> FORMATS = List.of("megatron", "datatrove", "parquet");

    public Output {
      if (!FORMATS.contains(format)) {
        throw new IllegalArgumentException("format must be one of " + FORMATS + ", got " + format);
      }
      if (shardSize <= 0) {
        throw new IllegalArgumentException("shardSize must be > 0, got " + shardSize);
      }
      if (sequenceLength < 0) {
        throw new IllegalArgumentException("sequenceLength must be >= 0, got " + sequenceLength);
      }
    }
  }
}

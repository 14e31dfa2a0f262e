package kiln.mixtures.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.mixtures.DocHash;
import kiln.mixtures.MixPlan;
import kiln.mixtures.SourceSize;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Draws one phase's documents from its sources by token count, deterministically and to the token.
 *
 * <p>For a source with planned tokens R and one-epoch size A (see {@link MixPlan.Take}): epochs 0 … floor(R/A)−1
 * take every document; epoch k = floor(R/A) ranks documents by
 * {@link DocHash#select}(seed, phase, source, id, k) ascending (ties by id) and keeps a prefix: document i,
 * with P_i the tokens of the documents ranked before it and n_i its own, is kept iff P_i &lt; T = R mod A,
 * and the last kept one (the one with P_i &lt; T &lt;= P_i + n_i) keeps only its first T − P_i tokens: a
 * <em>partial document</em>, marked by {@code n_tokens < doc_tokens}. The source thus gives exactly R tokens,
 * with at most one partial document per source and phase. Since the ranking is a total order on
 * (hash, id), the cut is the same for any partitioning.
 *
 * <p>The prefix sums are computed distributedly: the (source, hash, id, n_tokens) of the partial epoch are
 * range-sorted; a first pass sums tokens per sorted partition, the driver turns those few sums into
 * per-partition offsets, and a second pass finds the last kept (hash, id) of each source. Only those
 * numbers reach the driver, never documents. The kept set is then "all rows with (hash, id) ≤ cutoff",
 * a filter on the source's rows, with the cutoff row's tokens sliced to its kept length.
 *
 * <p>Output: {@link #COLUMNS}: the tokens columns, {@code source} = the curriculum's source name,
 * {@code epoch} (INT, 0-based pass over the source), {@code doc_tokens} (INT, the document's whole
 * n_tokens; {@code n_tokens} is smaller only for the partial document, which holds tokens [0, n_tokens) of it)
 * and {@code order} (BIGINT,
 * {@link DocHash#order}(seed, phase, source, id, epoch)): the phase's shuffle key for the shard writer
 * (ties by id). Nothing depends on partitioning, so any partition count yields the same rows and order.
 */
public final class MixSampler {
  private MixSampler() {}

  public static final String EPOCH = "epoch";
  public static final String ORDER = "order";
  public static final String DOC_TOKENS = "doc_tokens";
  public static final List<String> COLUMNS =
      List.of(Columns.ID, Columns.SOURCE, Columns.TOKENS, Columns.N_TOKENS, "text_bytes", EPOCH, ORDER, DOC_TOKENS);

  private static final String HASH = "_mix_hash";

  /** One epoch of each source: Σ n_tokens and document count, in one aggregation job. */
  public static Map<String, SourceSize> measure(Map<String, Dataset<Row>> sources) {
    Map<String, SourceSize> out = new TreeMap<>();
    Dataset<Row> all = null;
    for (Map.Entry<String, Dataset<Row>> e : sources.entrySet()) {
      out.put(e.getKey(), new SourceSize(0, 0));
      Dataset<Row> d = e.getValue().select(lit(e.getKey()).as("_mix_source"),
          col(Columns.N_TOKENS).cast("long").as(Columns.N_TOKENS));
      all = all == null ? d : all.union(d);
    }
    if (all == null) {
      return out;
    }
    for (Row r : all.groupBy("_mix_source").agg(sum(col(Columns.N_TOKENS)), count(lit(1))).collectAsList()) {
      out.put(r.getString(0), new SourceSize(r.isNullAt(1) ? 0 : r.getLong(1), r.getLong(2)));
    }
    return out;
  }

  /**
   * The phase's selected rows, columns {@link #COLUMNS}. Runs two small Spark jobs over the partial-epoch
   * keys; the returned Dataset is lazy (persist it if it is written and reported on).
   *
   * @param sourceDatasets by source name, as from {@link MixSources#resolve}; the ones the phase uses must be present
   */
  public static Dataset<Row> selectPhase(SparkSession spark, MixPlan.Phase phase,
      Map<String, Dataset<Row>> sourceDatasets) {
    Map<String, Dataset<Row>> base = new TreeMap<>();
    for (MixPlan.Take t : phase.takes()) {
      Dataset<Row> ds = sourceDatasets.get(t.source());
      if (ds == null) {
        throw new IllegalArgumentException("no dataset for source '" + t.source() + "' of phase '" + phase.name() + "'");
      }
      base.put(t.source(), ds.select(col(Columns.ID), col(Columns.TOKENS), col(Columns.N_TOKENS),
          col("text_bytes").cast("long").as("text_bytes"), col(Columns.N_TOKENS).as(DOC_TOKENS))
          .withColumn(Columns.SOURCE, lit(t.source())));
    }
    UserDefinedFunction selectHash = udf(new HashFn(DocHash::select, phase.seed(), phase.name()), DataTypes.LongType);
    UserDefinedFunction orderHash = udf(new HashFn(DocHash::order, phase.seed(), phase.name()), DataTypes.LongType);

    Map<String, Cutoff> cutoffs = cutoffs(phase, base, selectHash);

    List<Dataset<Row>> parts = new ArrayList<>();
    for (MixPlan.Take t : phase.takes()) {
      Dataset<Row> ds = base.get(t.source());
      int full = t.fullEpochs();
      if (full > 0) {
        parts.add(ds.withColumn(EPOCH, explode(sequence(lit(0), lit(full - 1)))));
      }
      Cutoff c = cutoffs.get(t.source());
      if (c != null) {
        Column h = selectHash.apply(col(Columns.SOURCE), col(Columns.ID), lit(full));
        Dataset<Row> kept = ds.withColumn(HASH, h)
            .filter(col(HASH).lt(c.hash).or(col(HASH).equalTo(c.hash).and(col(Columns.ID).leq(c.id))));
        if (c.keep < c.n) {
          // the boundary document: its first `keep` tokens make the source's count exact
          Column cut = col(HASH).equalTo(c.hash).and(col(Columns.ID).equalTo(c.id));
          kept = kept.withColumn(Columns.TOKENS, when(cut, slice(col(Columns.TOKENS), 1, c.keep))
                  .otherwise(col(Columns.TOKENS)))
              .withColumn(Columns.N_TOKENS, when(cut, lit(c.keep)).otherwise(col(Columns.N_TOKENS)));
        }
        parts.add(kept.drop(HASH).withColumn(EPOCH, lit(full)));
      }
    }
    Dataset<Row> all = parts.isEmpty()
        ? spark.createDataFrame(List.of(), base.values().iterator().next().withColumn(EPOCH, lit(0)).schema())
        : parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return all.withColumn(ORDER, orderHash.apply(col(Columns.SOURCE), col(Columns.ID), col(EPOCH)))
        .select(COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
  }

  /** The last kept (hash, id) of each source's partial epoch, with its kept length; absent when it keeps nothing. */
  static Map<String, Cutoff> cutoffs(MixPlan.Phase phase, Map<String, Dataset<Row>> base,
      UserDefinedFunction selectHash) {
    Map<String, Long> targets = new HashMap<>();
    Dataset<Row> keys = null;
    for (MixPlan.Take t : phase.takes()) {
      if (t.partialTokens() == 0) {
        continue;
      }
      targets.put(t.source(), t.partialTokens());
      Dataset<Row> k = base.get(t.source()).select(col(Columns.SOURCE),
          selectHash.apply(col(Columns.SOURCE), col(Columns.ID), lit(t.fullEpochs())).as(HASH), col(Columns.ID),
          col(Columns.N_TOKENS).cast("long").as(Columns.N_TOKENS));
      keys = keys == null ? k : keys.unionByName(k);
    }
    Map<String, Cutoff> out = new TreeMap<>();
    if (keys == null) {
      return out;
    }
    // materialised: range boundaries come from sampling, and both passes must see the same partitions
    Dataset<Row> sortedKeys = keys.orderBy(col(Columns.SOURCE), col(HASH), col(Columns.ID)).localCheckpoint(true);
    JavaRDD<Row> sorted = sortedKeys.javaRDD();
    try {
      List<PartSum> sums = sorted.mapPartitionsWithIndex(MixSampler::partitionSums, true).collect();
      // offset of (partition p, source s) = tokens of s in partitions before p
      Map<Integer, Map<String, Long>> offsets = new HashMap<>();
      Map<String, Long> running = new HashMap<>();
      List<PartSum> ordered = new ArrayList<>(sums);
      ordered.sort((a, b) -> a.part != b.part ? Integer.compare(a.part, b.part) : a.source.compareTo(b.source));
      for (PartSum s : ordered) {
        long before = running.getOrDefault(s.source, 0L);
        offsets.computeIfAbsent(s.part, p -> new HashMap<>()).put(s.source, before);
        running.put(s.source, before + s.tokens);
      }
      List<Cutoff> lasts = sorted.mapPartitionsWithIndex(
          (Integer part, Iterator<Row> it) -> lastKept(part, it, offsets.getOrDefault(part, Map.of()), targets),
          true).collect();
      for (Cutoff c : lasts) {
        Cutoff prev = out.get(c.source);
        if (prev == null || c.part > prev.part) {
          out.put(c.source, c);
        }
      }
      return out;
    } finally {
      sortedKeys.unpersist(false);
    }
  }

  private static Iterator<PartSum> partitionSums(Integer part, Iterator<Row> rows) {
    Map<String, Long> sums = new TreeMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      sums.merge(r.getString(0), r.getLong(3), Long::sum);
    }
    List<PartSum> out = new ArrayList<>();
    sums.forEach((s, t) -> out.add(new PartSum(part, s, t)));
    return out.iterator();
  }

  /**
   * Keep iff P &lt; target, P = tokens ranked before; the kept rows are a prefix of the sorted order and the last
   * one keeps target − P of its tokens (all of them when it ends on the target).
   */
  private static Iterator<Cutoff> lastKept(int part, Iterator<Row> rows, Map<String, Long> offsets,
      Map<String, Long> targets) {
    Map<String, Long> before = new HashMap<>(offsets);
    Map<String, Cutoff> last = new TreeMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      String source = r.getString(0);
      long n = r.getLong(3);
      long p = before.getOrDefault(source, 0L);
      long target = targets.get(source);
      if (p < target) {
        last.put(source, new Cutoff(part, source, r.getLong(1), r.getString(2), (int) Math.min(n, target - p),
            (int) n));
      }
      before.put(source, p + n);
    }
    return new ArrayList<>(last.values()).iterator();
  }

  record PartSum(int part, String source, long tokens) implements Serializable {}

  /** The last kept row of a source's partial epoch: {@code keep} of its {@code n} tokens are kept. */
  record Cutoff(int part, String source, long hash, String id, int keep, int n) implements Serializable {}

  /** {@link DocHash} with seed and phase bound, as a Spark UDF over (source, id, epoch). */
  static final class HashFn implements UDF3<String, String, Integer, Long> {
    interface Kernel extends Serializable {
      long hash(long seed, String phase, String source, String id, int epoch);
    }

    private final Kernel kernel;
    private final long seed;
    private final String phase;

    HashFn(Kernel kernel, long seed, String phase) {
      this.kernel = kernel;
      this.seed = seed;
      this.phase = phase;
    }

    @Override
    public Long call(String source, String id, Integer epoch) {
      return kernel.hash(seed, phase, source, id, epoch);
    }
  }
}

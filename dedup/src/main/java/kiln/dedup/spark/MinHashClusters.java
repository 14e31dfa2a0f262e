package kiln.dedup.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import kiln.core.Columns;
import kiln.core.spark.Iterators;
import kiln.dedup.minhash.JaccardVerifier;
import kiln.dedup.minhash.LshBands;
import kiln.dedup.minhash.MinHashConfig;
import kiln.dedup.minhash.MinHashSignatures;
import kiln.dedup.text.Shingles;
import kiln.dedup.text.TextNormalizer;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * MinHash LSH near-duplicate clusters over a Dataset of {@code id, text}:
 * <ol>
 *   <li>signatures per document ({@link MinHashSignatures}) and one row {@code (band, key, id)} per band
 *       ({@link LshBands});</li>
 *   <li>buckets = equal {@code (band, key)}; each member links to the bucket's smallest id (a star, b - 1
 *       edges for b members, never b^2 pairs, so a 200k-member boilerplate bucket is 200k edges);</li>
 *   <li>optionally, edges whose exact shingle Jaccard is below the threshold are dropped
 *       ({@link JaccardVerifier}); since an edge goes to the bucket's smallest id, a true duplicate of
 *       another member can lose its edge in that band (it usually has others);</li>
 *   <li>{@link ConnectedComponents} over the remaining edges.</li>
 * </ol>
 *
 * <p>With a {@link SignatureIndex}, the indexed documents' stored band keys (and shingle sets, for
 * verification) join the graph as extra nodes that rank before every new document, so a component that
 * reaches an indexed document has that document as its survivor. Only buckets holding at least one new
 * document make edges: the index is never deduplicated against itself.
 */
public final class MinHashClusters {
  static final String BAND = "band";
  static final String KEY = "key";

  static final StructType BAND_SCHEMA = new StructType()
      .add(BAND, DataTypes.IntegerType, false)
      .add(KEY, DataTypes.LongType, false)
      .add(Columns.ID, DataTypes.StringType, false);

  private static final StructType SET_SCHEMA = new StructType()
      .add(Columns.ID, DataTypes.StringType, false)
      .add("shingles", DataTypes.BinaryType, false);

  private final MinHashConfig config;
  private int lastRounds;

  public MinHashClusters(MinHashConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    this.config = config;
  }

  public int lastRounds() {
    return lastRounds;
  }

  /** {@code band, key, id} for every band of every document with at least one shingle. */
  public Dataset<Row> bandKeys(Dataset<Row> docs) {
    MinHashConfig c = config;
    return docs.select(Columns.ID, Columns.TEXT).flatMap((FlatMapFunction<Row, Row>) r -> {
      // One signer per task would be cheaper, but construction is 112 SplittableRandom draws: negligible.
      long[] sh = Shingles.hashes(TextNormalizer.normalize(r.getString(1)), c.ngrams(), c.charShingles());
      if (sh.length == 0) {
        return java.util.Collections.emptyIterator();
      }
      long[] keys = LshBands.keys(Signer.get(c).signature(sh), c.bands(), c.rows());
      List<Row> out = new ArrayList<>(keys.length);
      String id = r.getString(0);
      for (int i = 0; i < keys.length; i++) {
        out.add(RowFactory.create(i, keys[i], id));
      }
      return out.iterator();
    }, Encoders.row(BAND_SCHEMA));
  }

  /** Star edges {@code src, dst}: every bucket member to the bucket's smallest id. */
  public static Dataset<Row> starEdges(Dataset<Row> bands) {
    return starEdges(bands, null);
  }

  /**
   * Star edges over new band rows and, when {@code prior} (same columns) is not null, indexed ones; only
   * buckets with at least one new row count.
   */
  static Dataset<Row> starEdges(Dataset<Row> bands, Dataset<Row> prior) {
    Dataset<Row> all = bands.withColumn("_new", lit(true));
    if (prior != null) {
      all = all.unionByName(prior.withColumn("_new", lit(false)));
    }
    Dataset<Row> buckets = all.groupBy(BAND, KEY)
        .agg(min(Columns.ID).as("_c"), count(lit(1)).as("_n"), max("_new").as("_hn"))
        .where(col("_n").gt(1).and(col("_hn"))).drop("_n", "_hn");
    return all.join(buckets, new String[] {BAND, KEY})
        .where(col(Columns.ID).notEqual(col("_c")))
        .select(col(Columns.ID).as(ConnectedComponents.SRC), col("_c").as(ConnectedComponents.DST))
        .distinct();
  }

  /** Drops edges whose endpoints' exact shingle Jaccard is below the threshold. */
  public Dataset<Row> verify(Dataset<Row> edges, Dataset<Row> docs) {
    return verify(edges, docs, null);
  }

  /** As {@link #verify(Dataset, Dataset)}, with indexed endpoints' sets taken from {@code prior}. */
  Dataset<Row> verify(Dataset<Row> edges, Dataset<Row> docs, Dataset<Row> prior) {
    MinHashConfig c = config;
    Dataset<Row> ids = edges.select(col(ConnectedComponents.SRC).as(Columns.ID))
        .unionByName(edges.select(col(ConnectedComponents.DST).as(Columns.ID))).distinct();
    Dataset<Row> sets = docs.select(Columns.ID, Columns.TEXT).join(ids, Columns.ID, "left_semi")
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> shingleSets(rows, c), Encoders.row(SET_SCHEMA));
    if (prior != null) {
      sets = sets.unionByName(prior.where(col(SignatureIndex.SHINGLES).isNotNull())
          .select(col(Columns.ID), col(SignatureIndex.SHINGLES).as("shingles")).join(ids, Columns.ID, "left_semi"));
    }
    double t = c.threshold();
    var jac = functions.udf((UDF2<byte[], byte[], Boolean>) (x, y) -> {
      long[] a = new long[x.length / 8];
      long[] b = new long[y.length / 8];
      ByteBuffer.wrap(x).asLongBuffer().get(a);
      ByteBuffer.wrap(y).asLongBuffer().get(b);
      return JaccardVerifier.jaccard(a, b) >= t;
    }, DataTypes.BooleanType);
    Dataset<Row> s1 = sets.select(col(Columns.ID).as("_a"), col("shingles").as("_sa"));
    Dataset<Row> s2 = sets.select(col(Columns.ID).as("_b"), col("shingles").as("_sb"));
    return edges.join(s1, col(ConnectedComponents.SRC).equalTo(col("_a")))
        .join(s2, col(ConnectedComponents.DST).equalTo(col("_b")))
        .where(jac.apply(col("_sa"), col("_sb")))
        .select(ConnectedComponents.SRC, ConnectedComponents.DST);
  }

  private static Iterator<Row> shingleSets(Iterator<Row> rows, MinHashConfig c) {
    return Iterators.map(rows, (Row r) -> {
      long[] s = Shingles.set(TextNormalizer.normalize(r.getString(1)), c.ngrams(), c.charShingles());
      ByteBuffer b = ByteBuffer.allocate(s.length * 8);
      b.asLongBuffer().put(s);
      return RowFactory.create(r.getString(0), b.array());
    });
  }

  /** Component of every document that has a near duplicate: {@code node, root}. */
  public Dataset<Row> components(Dataset<Row> docs) {
    return components(docs, null);
  }

  /**
   * @param prior indexed rows ({@link SignatureIndex#prior}: node id, band_keys, shingles) or null
   */
  Dataset<Row> components(Dataset<Row> docs, Dataset<Row> prior) {
    Dataset<Row> priorBands = null;
    if (prior != null) {
      priorBands = prior.where(col(SignatureIndex.BAND_KEYS).isNotNull())
          .select(col(Columns.ID), posexplode(col(SignatureIndex.BAND_KEYS)).as(new String[] {BAND, KEY}))
          .select(col(BAND), col(KEY), col(Columns.ID));
    }
    Dataset<Row> edges = starEdges(bandKeys(docs), priorBands);
    if (config.verify()) {
      edges = verify(edges, docs, prior);
    }
    ConnectedComponents cc = new ConnectedComponents();
    Dataset<Row> comp = cc.run(edges);
    lastRounds = cc.lastRounds();
    return comp;
  }

  /**
   * @param docs columns {@code id, _dd_k (survivor key), text}
   * @return {@code id, out}: for every document in a non-trivial cluster, the id of its cluster's survivor
   */
  Dataset<Row> survivors(Dataset<Row> docs, String out) {
    return survivors(docs, null, out);
  }

  /**
   * As {@link #survivors(Dataset, String)}; indexed nodes of {@code prior} (may be null) rank before every
   * new document, so they survive any component they are in. Only new documents are returned; {@code out}
   * may name an indexed node.
   */
  Dataset<Row> survivors(Dataset<Row> docs, Dataset<Row> prior, String out) {
    Dataset<Row> comp = components(docs, prior);
    Dataset<Row> keyed = comp.join(docs.select(col(Columns.ID).as(ConnectedComponents.NODE), col(DedupStage.K)),
        new String[] {ConnectedComponents.NODE}, "left")
        .select(col(ConnectedComponents.NODE).as(Columns.ID), col(ConnectedComponents.ROOT),
            coalesce(col(DedupStage.K), lit(Double.NEGATIVE_INFINITY)).as(DedupStage.K));
    Dataset<Row> surv = DedupStage.bestPer(keyed, ConnectedComponents.ROOT, out);
    Dataset<Row> res = comp.join(surv, ConnectedComponents.ROOT)
        .select(col(ConnectedComponents.NODE).as(Columns.ID), col(out));
    return prior == null ? res : res.where(functions.not(col(Columns.ID).startsWith(SignatureIndex.MARK)));
  }

  /** One signer per executor JVM and config: its a, b arrays are shared read-only across tasks. */
  static final class Signer {
    private static final java.util.concurrent.ConcurrentHashMap<MinHashConfig, MinHashSignatures> CACHE =
        new java.util.concurrent.ConcurrentHashMap<>();

    static MinHashSignatures get(MinHashConfig c) {
      return CACHE.computeIfAbsent(c, k -> new MinHashSignatures(k.numHashes(), k.seed()));
    }
  }
}

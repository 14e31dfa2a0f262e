package kiln.dedup.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import kiln.core.Columns;
import kiln.core.Document;
import kiln.core.Reasons;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.core.spark.Iterators;
import kiln.core.spark.Stage;
import kiln.dedup.DedupConfig;
import kiln.dedup.exact.ExactHash;
import kiln.dedup.exact.LineHashes;
import kiln.dedup.exact.SentenceSpans;
import kiln.dedup.text.TextNormalizer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Removes duplicate documents in up to three phases, each on the survivors of the one before:
 * <ol>
 *   <li>exact: same {@link ExactHash} of the normalised text; reason {@code dedup:exact};</li>
 *   <li>url: same URL, the newest capture ({@code meta[date_key]}, ISO-8601 text) survives; reason
 *       {@code dedup:url};</li>
 *   <li>minhash: connected components of MinHash LSH candidate edges ({@link MinHashClusters}); reason
 *       {@code dedup:minhash}.</li>
 * </ol>
 * Within a group the survivor is chosen by {@link DedupConfig.Survivor}, ties broken by the smallest id, so
 * the result depends only on the input set, never on partitioning or ordering.
 *
 * <p>Every row comes back (stage contract). Rejected rows get {@code meta.cluster_id} = the id of the final
 * survivor of their cluster (following exact -> url -> minhash links). Kept rows get {@code meta.cluster_id}
 * (their own id) and {@code meta.cluster_size} = number of input documents whose cluster_id is theirs,
 * themselves included (1 for a unique document), as FineWeb-2 stores for rehydration.
 *
 * <p>With {@code index} ({@link SignatureIndex}) the documents kept by earlier runs take part in the exact
 * and minhash phases as members that always survive: a new document that joins a group or component of
 * an indexed one is rejected ({@code dedup:exact} / {@code dedup:minhash}) with {@code meta.cluster_id} =
 * the indexed id and {@code meta.dedup_index} = the index run folder that holds it. Indexed documents are
 * never emitted. With {@code index.update} the documents this run keeps are appended to the index (one
 * eager pass; the result is checkpointed so the runner does not compute it again).
 *
 * <p>After the document phases, on kept documents only: line dedup ({@link LineDedup}), then
 * sentence-span dedup ({@link SentenceSpanDedup}) on the text line dedup left.
 */
public final class DedupStage implements Stage, Serializable {
  private static final long serialVersionUID = 1L;

  public static final String NAME = "dedup";
  public static final String REASON_EXACT = Reasons.of(NAME, "exact");
  public static final String REASON_URL = Reasons.of(NAME, "url");
  public static final String REASON_MINHASH = Reasons.of(NAME, "minhash");
  /** Line dedup left no line with a letter or digit. */
  public static final String REASON_LINES = Reasons.of(NAME, "lines");
  /** Sentence-span dedup left too few words or sentences (or nothing). */
  public static final String REASON_SENTENCE_SPANS = Reasons.of(NAME, "sentence_spans");
  public static final String META_LINES_REMOVED = "lines_removed";
  public static final String META_SENTENCES_REMOVED = "sentences_removed";
  /** On documents rejected as duplicates of an indexed document: the index run folder holding it. */
  public static final String META_DEDUP_INDEX = "dedup_index";
  public static final String META_CLUSTER_ID = "cluster_id";
  public static final String META_CLUSTER_SIZE = "cluster_size";

  // Working columns; the prefix keeps them clear of document columns.
  static final String K = "_dd_k";
  private static final String H = "_dd_h";
  private static final String R1 = "_dd_r1";
  private static final String R2 = "_dd_r2";
  private static final String R3 = "_dd_r3";
  private static final String REASON = "_dd_reason";
  private static final String CLUSTER = "_dd_cluster";
  private static final String SIZE = "_dd_size";

  private final DedupConfig config;

  public DedupStage(DedupConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    this.config = config;
  }

  /** Validates the whole mapping before any Spark job; errors are ConfigExceptions naming the key. */
  public static DedupStage fromConfig(ConfigNode cfg) {
    return new DedupStage(DedupConfig.fromConfig(cfg));
  }

  public DedupConfig config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> input) {
    outputSchema(input.schema());
    Dataset<Row> docs = input.select(documentColumns());
    Dataset<Row> base = docs.select(col(Columns.ID), survivorKey().as(K), col(Columns.TEXT), col(Columns.URL),
        col(Columns.META));

    // Earlier runs' kept documents, minus this input's own folder (a retry must not match itself).
    SignatureIndex index = null;
    String run = null;
    Dataset<Row> prior = null;
    if (config.index() != null) {
      index = SignatureIndex.open(input.sparkSession(), config.index(), config.minhash());
      run = SignatureIndex.runName(docs, config.minhash());
      prior = index.prior(input.sparkSession(), run);
    }

    // Phase 1: exact. Every row gets r1 = survivor of its hash group (itself when unique or disabled). Indexed
    // documents join the groups with the lowest survivor key, so they win any group they are in.
    Dataset<Row> links1;
    if (config.exact()) {
      Dataset<Row> hashed = base.select(col(Columns.ID), col(K), exactHash().apply(col(Columns.TEXT)).as(H));
      Dataset<Row> groups = hashed;
      if (prior != null) {
        groups = groups.unionByName(prior.select(col(Columns.ID), lit(Double.NEGATIVE_INFINITY).as(K),
            col(SignatureIndex.EXACT_HASH).as(H)));
      }
      links1 = hashed.join(bestPer(groups, H, R1), H).select(col(Columns.ID), col(R1));
    } else {
      links1 = base.select(col(Columns.ID), col(Columns.ID).as(R1));
    }
    Dataset<Row> active = base.join(links1.where(col(Columns.ID).equalTo(col(R1))).select(Columns.ID), Columns.ID);

    // Phase 2: url, among exact survivors with a URL. Newest capture wins, then the survivor policy.
    Dataset<Row> links2 = null;
    if (config.url()) {
      Dataset<Row> u = active.where(col(Columns.URL).isNotNull().and(col(Columns.URL).notEqual(lit(""))))
          .select(col(Columns.ID), col(K), col(Columns.URL), col(Columns.META).getItem(config.urlDateKey()).as("_dd_d"));
      Dataset<Row> newest = u.groupBy(Columns.URL).agg(max("_dd_d").as("_dd_md"));
      Dataset<Row> cand = u.join(newest, Columns.URL).where(col("_dd_d").eqNullSafe(col("_dd_md")))
          .select(col(Columns.ID), col(K), col(Columns.URL));
      links2 = u.select(Columns.ID, Columns.URL).join(bestPer(cand, Columns.URL, R2), Columns.URL)
          .select(col(Columns.ID), col(R2));
      active = active.join(links2.where(col(Columns.ID).notEqual(col(R2))).select(Columns.ID), Columns.ID,
          "left_anti");
    }

    // Phase 3: minhash, among survivors of the phases above.
    Dataset<Row> links3 = null;
    if (config.minhash().enabled()) {
      links3 = new MinHashClusters(config.minhash()).survivors(active.select(col(Columns.ID), col(K),
          col(Columns.TEXT)), prior, R3);
    }

    // Compose: final survivor = r3(r2(r1(id))), each link defaulting to identity.
    Dataset<Row> v = links1;
    Column r2 = col(R1);
    if (links2 != null) {
      v = v.join(links2.withColumnRenamed(Columns.ID, "_dd_j2"), col(R1).equalTo(col("_dd_j2")), "left")
          .drop("_dd_j2");
      r2 = coalesce(col(R2), col(R1));
    }
    v = v.withColumn("_dd_f2", r2);
    Column r3 = col("_dd_f2");
    if (links3 != null) {
      v = v.join(links3.withColumnRenamed(Columns.ID, "_dd_j3"), col("_dd_f2").equalTo(col("_dd_j3")), "left")
          .drop("_dd_j3");
      r3 = coalesce(col(R3), col("_dd_f2"));
    }
    Column id = col(Columns.ID);
    v = v.select(id,
        when(id.notEqual(col(R1)), lit(REASON_EXACT))
            .when(id.notEqual(col("_dd_f2")), lit(REASON_URL))
            .when(id.notEqual(r3), lit(REASON_MINHASH)).as(REASON),
        r3.as(CLUSTER));
    Dataset<Row> sizes = v.groupBy(CLUSTER).agg(count(lit(1)).as(SIZE));
    Dataset<Row> verdicts = v.join(sizes, CLUSTER);

    Dataset<Row> joined = docs.join(verdicts, Columns.ID);
    int lineMinChars = -1;
    if (config.lines().enabled()) {
      Dataset<Row> kept = joined.where(col(REASON).isNull()).select(Columns.ID, Columns.TEXT);
      joined = joined.join(LineDedup.drops(kept, config.lines()), new String[] {Columns.ID}, "left");
      lineMinChars = config.lines().minChars();
    }
    int minChars = lineMinChars;
    Dataset<Row> out = joined.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> annotate(rows, minChars),
        Encoders.row(DocumentSchema.ANNOTATED));
    if (config.sentenceSpans().enabled()) {
      DedupConfig.SentenceSpanConfig sc = config.sentenceSpans();
      Dataset<Row> kept = out.where(col(Columns.REASON).isNull()).select(Columns.ID, Columns.TEXT);
      out = out.join(SentenceSpanDedup.drops(kept, sc), new String[] {Columns.ID}, "left")
          .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> removeSpans(rows, sc),
              Encoders.row(DocumentSchema.ANNOTATED));
    }
    if (index != null && config.index().update()) {
      out = out.localCheckpoint(true);
      Dataset<Row> keptIds = out.where(col(Columns.REASON).isNull()).select(Columns.ID);
      index.append(input.sparkSession(), docs.join(keptIds, Columns.ID, "left_semi"), run);
    }
    return out;
  }

  /** Applies the sentence-span drops ({@link SentenceSpanDedup#DROP}) to kept rows. */
  private static Iterator<Row> removeSpans(Iterator<Row> rows, DedupConfig.SentenceSpanConfig cfg) {
    SentenceSpans spans = new SentenceSpans(cfg.nSentences());
    return Iterators.map(rows, (Row r) -> {
      Document d = DocumentSchema.toDocument(r);
      String reason = r.getString(r.fieldIndex(Columns.REASON));
      int di = r.fieldIndex(SentenceSpanDedup.DROP);
      if (reason == null && !r.isNullAt(di)) {
        List<Integer> boxed = r.getList(di);
        int[] starts = new int[boxed.size()];
        for (int i = 0; i < starts.length; i++) {
          starts[i] = boxed.get(i);
        }
        SentenceSpans.Removal rm = spans.remove(d.text(), starts);
        d = d.withText(rm.text()).withMeta(META_SENTENCES_REMOVED, Integer.toString(rm.removed()));
        if (rm.words() == 0 || rm.words() < cfg.minDocWords() || rm.sentences() < cfg.minNumSentences()) {
          reason = REASON_SENTENCE_SPANS;
        }
      }
      return DocumentSchema.toAnnotatedRow(d, reason);
    });
  }

  /** {@code lineMinChars} < 0: no line dedup. */
  private static Iterator<Row> annotate(Iterator<Row> rows, int lineMinChars) {
    LineHashes lines = lineMinChars < 0 ? null : new LineHashes(lineMinChars);
    return Iterators.map(rows, (Row r) -> {
      Document d = DocumentSchema.toDocument(r);
      String reason = r.getString(r.fieldIndex(REASON));
      String cluster = r.getString(r.fieldIndex(CLUSTER));
      if (SignatureIndex.isIndexed(cluster)) {
        d = d.withMeta(META_CLUSTER_ID, SignatureIndex.indexedId(cluster))
            .withMeta(META_DEDUP_INDEX, SignatureIndex.indexedRun(cluster));
      } else {
        d = d.withMeta(META_CLUSTER_ID, cluster);
      }
      if (reason == null) {
        d = d.withMeta(META_CLUSTER_SIZE, Long.toString(r.getLong(r.fieldIndex(SIZE))));
        int di = lines == null ? -1 : r.fieldIndex(LineDedup.DROP);
        if (di >= 0 && !r.isNullAt(di)) {
          List<Long> boxed = r.getList(di);
          long[] drop = new long[boxed.size()];
          for (int i = 0; i < drop.length; i++) {
            drop[i] = boxed.get(i);
          }
          LineHashes.Removal rm = lines.remove(d.text(), drop);
          d = d.withText(rm.text()).withMeta(META_LINES_REMOVED, Integer.toString(rm.removed()));
          if (TextNormalizer.normalize(rm.text()).isEmpty()) {
            reason = REASON_LINES;
          }
        }
      }
      return DocumentSchema.toAnnotatedRow(d, reason);
    });
  }

  /** Per group {@code key}: the id of the best row (smallest survivor key, then smallest id) as {@code out}. */
  static Dataset<Row> bestPer(Dataset<Row> rows, String key, String out) {
    return rows.groupBy(key).agg(min(struct(col(K), col(Columns.ID))).getField(Columns.ID).as(out));
  }

  /** Smaller is better; a double so that every policy compares the same way inside a struct. */
  private Column survivorKey() {
    switch (config.survivor()) {
      case LONGEST:
        return functions.octet_length(col(Columns.TEXT)).cast(DataTypes.DoubleType).multiply(-1.0);
      case QUALITY_SCORE:
        // Missing or unparsable scores rank after every number.
        return coalesce(parseDouble().apply(col(Columns.META).getItem(config.qualityKey())).multiply(-1.0),
            lit(Double.POSITIVE_INFINITY));
      case SMALLEST_ID:
      default:
        return lit(0.0);
    }
  }

  private static Column[] documentColumns() {
    List<Column> cs = new ArrayList<>();
    for (String f : DocumentSchema.DOCUMENT.fieldNames()) {
      cs.add(col(f));
    }
    return cs.toArray(new Column[0]);
  }

  private static UserDefinedFunction exactHash() {
    return functions.udf((UDF1<String, String>) ExactHash::of, DataTypes.StringType);
  }

  private static UserDefinedFunction parseDouble() {
    return functions.udf((UDF1<String, Double>) s -> {
      if (s == null) {
        return null;
      }
      try {
        double d = Double.parseDouble(s.trim());
        return Double.isNaN(d) ? null : d;
      } catch (NumberFormatException e) {
        return null;
      }
    }, DataTypes.DoubleType);
  }
}

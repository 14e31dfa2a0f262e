package kiln.tokenize.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.core.fs.HadoopConf;
import kiln.core.fs.HadoopFiles;
import kiln.tokenize.DatatroveShardWriter;
import kiln.tokenize.MegatronShardWriter;
import kiln.tokenize.TokenDtype;
import kiln.tokenize.TokenShardWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.Partitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Writes a tokens dataset ({@link Columns#TOKENS_DDL}) as shards whose bytes depend only on the documents, the
 * order key and the settings, never on partitioning.
 *
 * <p>Algorithm (nothing but one key per shard and one number per partition reaches the driver):
 * <ol>
 *   <li>Sort the narrow keys {@code (order, id, n_tokens)} globally by {@code (order, id)} and checkpoint them
 *       (range boundaries come from sampling, so the sorted partitions must be fixed before the two passes).</li>
 *   <li>Pass 1: tokens per sorted partition; prefix sums give each partition's first global token offset.</li>
 *   <li>Pass 2: each document's start offset {@code s}; its raw shard is {@code floor(s / shard_tokens)}. The
 *       first document of each raw shard is collected (one key per shard) and shards are numbered densely
 *       (a document longer than {@code shard_tokens} would otherwise leave a gap).</li>
 *   <li>Every document finds its shard by binary search over those keys, rows are partitioned one shard per
 *       task and sorted within by {@code (order, id)}.</li>
 *   <li>Each task writes its shard under {@code _tmp/attempt-ID/} and then moves each file to its final name
 *       (replacing: a retried or speculative attempt writes the same bytes), never appending.</li>
 *   <li>The driver writes {@code manifest.json} ({@link ShardManifest}) from the tasks' counts and sha256s.</li>
 * </ol>
 * Ids must be unique: ties on {@code (order, id)} would make the order within the tie arbitrary.
 * The output folder may be a plain local path or a URI of any Hadoop file system ({@code hdfs://},
 * {@code s3a://}): tasks write each shard in local scratch space (the {@code _tmp/} folder itself when the output
 * is local), hash it there and publish it under its final name ({@link HadoopFiles#publish}: a rename on local
 * disks and HDFS, one upload on S3). Executors use the driver's Hadoop settings, broadcast.
 */
public final class ShardOutput {
  private ShardOutput() {}

  /** Megatron-sized shards: 1 G tokens is 2 GB of uint16. */
  public static final long DEFAULT_SHARD_TOKENS = 1L << 30;
  static final String TMP_DIR = "_tmp";

  /** Base name of shard {@code i}: {@code shard_00000}. */
  public static String shardName(int i) {
    return String.format("shard_%05d", i);
  }

  /**
   * Writes {@code tokens} to {@code outDir} (created; must not already hold a manifest).
   *
   * @param orderColumn a string or integer column giving the shard order (ties broken by id)
   * @param shardTokens shard size target in tokens; a shard ends at the first document that starts at or past
   *     a multiple of it, so a shard holds about this many tokens (more by at most one document)
   */
  public static ShardManifest write(Dataset<Row> tokens, String orderColumn, Path outDir, ShardFormat format,
                                    long shardTokens, String tokenizerId, int vocabSize) throws IOException {
    return write(tokens, orderColumn, outDir.toAbsolutePath().toString(), format, shardTokens, tokenizerId,
        vocabSize);
  }

  /** As above, into a plain local path or a URI of any Hadoop file system. */
  public static ShardManifest write(Dataset<Row> tokens, String orderColumn, String outDir, ShardFormat format,
                                    long shardTokens, String tokenizerId, int vocabSize) throws IOException {
    if (shardTokens < 1) {
      throw new IllegalArgumentException("shardTokens must be >= 1, got " + shardTokens);
    }
    if (vocabSize < 1) {
      throw new IllegalArgumentException("vocabSize must be >= 1, got " + vocabSize);
    }
    for (String c : new String[] {orderColumn, Columns.ID, Columns.TOKENS, Columns.N_TOKENS}) {
      if (tokens.schema().getFieldIndex(c).isEmpty()) {
        throw new IllegalArgumentException("shard output needs column '" + c + "', input has "
            + String.join(", ", tokens.schema().fieldNames()));
      }
    }
    SparkSession spark = tokens.sparkSession();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    if (HadoopFiles.exists(conf, HadoopFiles.child(outDir, ShardManifest.FILE_NAME))) {
      throw new IllegalArgumentException(outDir + " already holds " + ShardManifest.FILE_NAME
          + "; choose an empty output folder");
    }
    HadoopFiles.mkdirs(conf, outDir);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

    // 1. Sorted narrow keys, materialised so both passes see the same partitions.
    Dataset<Row> keys = tokens.select(tokens.col(orderColumn).as("k"), tokens.col(Columns.ID),
        tokens.col(Columns.N_TOKENS)).sort("k", Columns.ID).localCheckpoint(true);
    // 2. One token sum per partition.
    List<Long> sums = keys.javaRDD().mapPartitions(it -> {
      long s = 0;
      while (it.hasNext()) {
        s += it.next().getInt(2);
      }
      return List.of(s).iterator();
    }).collect();
    long[] starts = new long[sums.size()];
    long total = 0;
    for (int p = 0; p < starts.length; p++) {
      starts[p] = total;
      total += sums.get(p);
    }
    // 3. Candidate shard starts: the first document of each partition and each raw shard change.
    Broadcast<long[]> startsB = jsc.broadcast(starts);
    long st = shardTokens;
    List<Tuple2<Long, ShardKey>> candidates = keys.javaRDD().mapPartitionsWithIndex((p, it) -> {
      List<Tuple2<Long, ShardKey>> out = new ArrayList<>();
      long off = startsB.value()[p];
      long prev = -1;
      while (it.hasNext()) {
        Row r = it.next();
        long raw = off / st;
        if (raw != prev) {
          out.add(new Tuple2<>(raw, new ShardKey(-1, r.get(0), r.getString(1))));
          prev = raw;
        }
        off += r.getInt(2);
      }
      return out.iterator();
    }, true).collect();
    List<ShardKey> firsts = new ArrayList<>();
    long prevRaw = -1;
    for (Tuple2<Long, ShardKey> c : candidates) {
      if (c._1() != prevRaw) {
        firsts.add(c._2());
        prevRaw = c._1();
      }
    }
    keys.unpersist();
    int nShards = firsts.size();
    Broadcast<List<ShardKey>> firstsB = jsc.broadcast(firsts);

    // 4. One shard per task, sorted by (order, id).
    int orderIdx = tokens.schema().fieldIndex(orderColumn);
    int idIdx = tokens.schema().fieldIndex(Columns.ID);
    int tokIdx = tokens.schema().fieldIndex(Columns.TOKENS);
    JavaPairRDD<ShardKey, int[]> sorted = tokens.javaRDD().mapToPair(r -> {
      Object k = r.get(orderIdx);
      String id = r.getString(idIdx);
      int shard = shardOf(firstsB.value(), k, id);
      return new Tuple2<>(new ShardKey(shard, k, id), toInts(r.getList(tokIdx)));
    }).repartitionAndSortWithinPartitions(new ShardPartitioner(Math.max(1, nShards)), ShardKey.ORDER);

    List<ShardManifest.Shard> shards;
    TokenDtype dtype;
    if (format == ShardFormat.PARQUET) {
      dtype = TokenDtype.INT32;
      shards = writeParquet(spark, sorted, outDir, nShards, conf);
    } else {
      dtype = format == ShardFormat.MEGATRON ? TokenDtype.megatron(vocabSize) : TokenDtype.datatrove(vocabSize);
      String dir = HadoopFiles.qualify(conf, outDir);
      TokenDtype dt = dtype;
      Broadcast<HadoopConf> confB = jsc.broadcast(new HadoopConf(conf));
      shards = new ArrayList<>(sorted.mapPartitionsWithIndex(
          (p, it) -> writeShardTask(p, it, dir, format, dt, tokenizerId, confB.value().get()), false).collect());
    }
    HadoopFiles.delete(conf, HadoopFiles.child(outDir, TMP_DIR));
    shards.sort(Comparator.comparingInt(ShardManifest.Shard::index));
    long docs = shards.stream().mapToLong(ShardManifest.Shard::documents).sum();
    long toks = shards.stream().mapToLong(ShardManifest.Shard::tokens).sum();
    if (toks != total) {
      throw new IllegalStateException("shards hold " + toks + " tokens but the input has " + total);
    }
    ShardManifest m = new ShardManifest(format.value(), tokenizerId, vocabSize,
        format == ShardFormat.PARQUET ? "int32" : dtype.numpyName(), shardTokens, docs, toks, shards);
    m.write(conf, HadoopFiles.child(outDir, ShardManifest.FILE_NAME));
    return m;
  }

  /** Index of the last shard whose first document is at or before {@code (order, id)}. */
  static int shardOf(List<ShardKey> firsts, Object order, String id) {
    int lo = 0;
    int hi = firsts.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      ShardKey f = firsts.get(mid);
      if (ShardKey.compareDocs(f.order(), f.id(), order, id) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static int[] toInts(List<Integer> l) {
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }

  private static Iterator<ShardManifest.Shard> writeShardTask(int p, Iterator<Tuple2<ShardKey, int[]>> it,
      String outDir, ShardFormat format, TokenDtype dtype, String tokenizerId, Configuration conf)
      throws IOException {
    if (!it.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    TaskContext ctx = TaskContext.get();
    long attempt = ctx == null ? System.nanoTime() : ctx.taskAttemptId();
    // Local output: scratch inside it, so publishing is a rename on the same disk. Remote: this JVM's temp space.
    Path tmp = HadoopFiles.isLocal(outDir)
        ? Files.createDirectories(HadoopFiles.localPath(outDir).resolve(TMP_DIR).resolve("attempt-" + attempt))
        : Files.createTempDirectory("kiln-shard-" + attempt + "-");
    String name = shardName(p);
    TokenShardWriter w = format == ShardFormat.MEGATRON
        ? new MegatronShardWriter(tmp, name + "_text_document", dtype)
        : new DatatroveShardWriter(tmp, name, tokenizerId.replace('|', '/'), dtype);
    try (w) {
      while (it.hasNext()) {
        Tuple2<ShardKey, int[]> t = it.next();
        if (t._1().shard() != p) {
          throw new IllegalStateException("shard " + t._1().shard() + " row in partition " + p);
        }
        w.add(t._2());
      }
    }
    Map<String, ShardManifest.FileEntry> files = new TreeMap<>();
    for (String f : w.fileNames()) {
      Path src = tmp.resolve(f);
      files.put(f, new ShardManifest.FileEntry(Files.size(src), sha256(src)));
      // Replacing: a retried or speculative attempt publishes the same bytes.
      HadoopFiles.publish(conf, src, HadoopFiles.child(outDir, f));
    }
    Files.deleteIfExists(tmp);
    return List.of(new ShardManifest.Shard(p, name, w.documents(), w.tokens(), files)).iterator();
  }

  private static List<ShardManifest.Shard> writeParquet(SparkSession spark, JavaPairRDD<ShardKey, int[]> sorted,
      String outDir, int nShards, Configuration conf) throws IOException {
    StructType schema = new StructType()
        .add(Columns.ID, DataTypes.StringType, false)
        .add(Columns.TOKENS, DataTypes.createArrayType(DataTypes.IntegerType, false), false);
    JavaRDD<Row> rows = sorted.map(t -> {
      return RowFactory.create(t._1().id(), scala.collection.immutable.ArraySeq.unsafeWrapArray(t._2()));
    });
    List<long[]> counts = sorted.mapPartitionsWithIndex((p, it) -> {
      long d = 0;
      long n = 0;
      while (it.hasNext()) {
        d++;
        n += it.next()._2().length;
      }
      return List.of(new long[] {p, d, n}).iterator();
    }, false).collect();
    String tmp = HadoopFiles.child(HadoopFiles.child(HadoopFiles.qualify(conf, outDir), TMP_DIR), "parquet");
    spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).option("compression", "zstd")
        .parquet(tmp);
    List<ShardManifest.Shard> shards = new ArrayList<>();
    org.apache.hadoop.fs.Path tmpDir = HadoopFiles.path(tmp);
    FileSystem fs = HadoopFiles.fs(conf, tmpDir);
    for (FileStatus part : fs.listStatus(tmpDir)) {
      String partName = part.getPath().getName();
      if (!partName.matches("part-\\d+-.*\\.parquet")) {
        continue;
      }
      int p = Integer.parseInt(partName.substring(5, 10));
      if (p >= nShards) {
        throw new IllegalStateException("unexpected parquet part " + part.getPath());
      }
      String file = shardName(p) + ".parquet";
      org.apache.hadoop.fs.Path dst = HadoopFiles.path(HadoopFiles.child(outDir, file));
      fs.delete(dst, false);
      if (!fs.rename(part.getPath(), dst)) {
        throw new IOException("rename failed: " + part.getPath() + " -> " + dst);
      }
      long[] c = counts.get(p);
      String digest;
      try (InputStream in = fs.open(dst)) {
        digest = sha256(in);
      }
      shards.add(new ShardManifest.Shard(p, shardName(p), c[1], c[2],
          Map.of(file, new ShardManifest.FileEntry(fs.getFileStatus(dst).getLen(), digest))));
    }
    return shards;
  }

  /** Hex sha256 of a file. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** Hex sha256 of the rest of a stream (not closed). */
  public static String sha256(InputStream stream) throws IOException {
    try {
      DigestInputStream in = new DigestInputStream(stream, MessageDigest.getInstance("SHA-256"));
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Partition i holds shard i. */
  static final class ShardPartitioner extends Partitioner implements Serializable {
    private final int n;

    ShardPartitioner(int n) {
      this.n = n;
    }

    @Override
    public int numPartitions() {
      return n;
    }

    @Override
    public int getPartition(Object key) {
      return ((ShardKey) key).shard();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ShardPartitioner sp && sp.n == n;
    }

    @Override
    public int hashCode() {
      return n;
    }
  }
}

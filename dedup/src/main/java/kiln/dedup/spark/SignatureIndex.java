package kiln.dedup.spark;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kiln.core.fs.HadoopFiles;
import kiln.core.Columns;
import kiln.core.spark.Iterators;
import kiln.dedup.DedupConfig.IndexConfig;
import kiln.dedup.exact.ExactHash;
import kiln.dedup.index.IndexMetadata;
import kiln.dedup.minhash.LshBands;
import kiln.dedup.minhash.MinHashConfig;
import kiln.dedup.text.Shingles;
import kiln.dedup.text.TextNormalizer;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A persisted index of the documents earlier dedup runs kept, for incremental and cross-dataset dedup.
 *
 * <p>Layout of the index folder:
 * <pre>
 * _index.json                     IndexMetadata: version, MinHash parameters, whether shingle sets are stored
 * run-&lt;16 hex&gt;/part-00000.parquet  one folder per appending run, files named by number, rows sorted by id
 * </pre>
 * Row schema ({@link #SCHEMA}): {@code id} of the kept document, {@code run} (its folder name),
 * {@code exact_hash} ({@link ExactHash} of its text: 32 hex digits), {@code band_keys} (the {@code bands}
 * {@link LshBands} keys of its MinHash signature, null for an exact-only index or a text without shingles)
 * and {@code shingles} (its sorted shingle-hash set, 8 bytes big-endian each, only when the index stores
 * them). All hashes are of the document's text as it entered the stage, before line or sentence removal.
 *
 * <p>A run's folder is named by a fingerprint of its input (XOR of Spark's xxhash64 of id and text over all
 * rows, the row count, and the MinHash slug), not by its output: a run that is retried after a crash, or
 * re-run with other settings, skips its own folder when reading and replaces it when writing, so its input
 * is never deduplicated against itself. Appending writes {@code _tmp-run-…} and renames it into place, so a
 * run that dies while writing leaves only an ignored temporary folder. {@code _index.json} is written once
 * (also through a rename) and never rewritten.
 *
 * <p>Indexed documents enter the dedup graph as nodes named {@code \0 id \0 run}, which no input id
 * starts with; {@link #isIndexed} and {@link #indexedId} / {@link #indexedRun} decode them.
 */
public final class SignatureIndex implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  public static final String RUN_PREFIX = "run-";
  public static final String RUN = "run";
  public static final String EXACT_HASH = "exact_hash";
  public static final String BAND_KEYS = "band_keys";
  public static final String SHINGLES = "shingles";
  /** Rows per Parquet file of a run folder. */
  public static final long DEFAULT_ROWS_PER_FILE = 1_000_000;

  public static final StructType SCHEMA = new StructType()
      .add(Columns.ID, DataTypes.StringType, false)
      .add(RUN, DataTypes.StringType, false)
      .add(EXACT_HASH, DataTypes.StringType, false)
      .add(BAND_KEYS, DataTypes.createArrayType(DataTypes.LongType, false), true)
      .add(SHINGLES, DataTypes.BinaryType, true);

  private static final Pattern RUN_DIR = Pattern.compile("run-[0-9a-f]{16}");
  private static final Pattern SPARK_PART = Pattern.compile("part-(\\d+)-.*\\.parquet");
  /** First character of an indexed node's name; no input id starts with it. */
  static final String MARK = "\u0000";

  private final String path;
  private final IndexMetadata meta;
  private final List<String> runs;

  private SignatureIndex(String path, IndexMetadata meta, List<String> runs) {
    this.path = path;
    this.meta = meta;
    this.runs = runs;
  }

  public IndexMetadata metadata() {
    return meta;
  }

  /** Run folders present when the index was opened, sorted. */
  public List<String> runs() {
    return runs;
  }

  /**
   * Opens (with {@code update}, creates) the index and checks it against this run's MinHash settings.
   *
   * @throws IllegalArgumentException naming the path when it is missing (without update), not an index, or
   *                                  built with other parameters
   */
  public static SignatureIndex open(SparkSession spark, IndexConfig cfg, MinHashConfig minhash) {
    Path dir = HadoopFiles.path(cfg.path());
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path metaFile = new Path(dir, IndexMetadata.FILE);
      IndexMetadata meta;
      if (!fs.exists(dir) || (fs.getFileStatus(dir).isDirectory() && !fs.exists(metaFile)
          && fs.listStatus(dir).length == 0)) {
        if (!cfg.update()) {
          throw new IllegalArgumentException("no dedup index at " + cfg.path()
              + " (an index is created by a run with index.update: true)");
        }
        meta = IndexMetadata.of(minhash);
        fs.mkdirs(dir);
        writeAtomically(fs, metaFile, meta.toJson());
      } else if (!fs.getFileStatus(dir).isDirectory()) {
        throw new IllegalArgumentException("dedup index " + cfg.path() + " is not a folder");
      } else if (!fs.exists(metaFile)) {
        throw new IllegalArgumentException(cfg.path() + " is not a dedup index: it has no " + IndexMetadata.FILE);
      } else {
        String json;
        try (var in = fs.open(metaFile)) {
          json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        meta = IndexMetadata.parse(json, metaFile.toString());
        String why = meta.incompatibility(minhash);
        if (why != null) {
          throw new IllegalArgumentException("dedup index " + cfg.path() + " cannot be used: " + why);
        }
      }
      List<String> runs = new ArrayList<>();
      for (FileStatus st : fs.listStatus(dir)) {
        if (st.isDirectory() && RUN_DIR.matcher(st.getPath().getName()).matches()) {
          runs.add(st.getPath().getName());
        }
      }
      runs.sort(null);
      return new SignatureIndex(cfg.path(), meta, List.copyOf(runs));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open dedup index " + cfg.path(), e);
    }
  }

  /**
   * The folder name a run over {@code docs} appends to: {@code run-} and 16 hex digits of MurmurHash3 of the
   * input fingerprint (XOR of xxhash64(id, text), row count) and the MinHash slug. One small Spark job.
   */
  public static String runName(Dataset<Row> docs, MinHashConfig minhash) {
    Row r = docs.agg(bit_xor(xxhash64(col(Columns.ID), col(Columns.TEXT))), count(lit(1))).first();
    long x = r.isNullAt(0) ? 0 : r.getLong(0);
    String key = x + ":" + r.getLong(1) + ":" + (minhash.enabled() ? minhash.slug() : "exact");
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    return RUN_PREFIX + String.format("%016x", MurmurHash3.hash128x64(b, 0, b.length, 0)[0]);
  }

  /**
   * Indexed rows of every run except {@code skipRun}, with {@code id} replaced by the node name
   * {@code \0 id \0 run}; null when there are none.
   */
  public Dataset<Row> prior(SparkSession spark, String skipRun) {
    List<String> paths = new ArrayList<>();
    for (String r : runs) {
      if (!r.equals(skipRun)) {
        paths.add(new Path(HadoopFiles.path(path), r).toString());
      }
    }
    if (paths.isEmpty()) {
      return null;
    }
    return spark.read().schema(SCHEMA).parquet(paths.toArray(new String[0]))
        .select(concat(lit(MARK), col(Columns.ID), lit(MARK), col(RUN)).as(Columns.ID),
            col(EXACT_HASH), col(BAND_KEYS), col(SHINGLES));
  }

  public static boolean isIndexed(String node) {
    return node != null && !node.isEmpty() && node.startsWith(MARK);
  }

  public static String indexedId(String node) {
    return node.substring(1, node.lastIndexOf(MARK));
  }

  public static String indexedRun(String node) {
    return node.substring(node.lastIndexOf(MARK) + 1);
  }

  /**
   * Appends {@code kept} (columns {@code id, text}: the original text of the documents this run kept) as
   * folder {@code run}, replacing an earlier attempt of the same run. Nothing is written for no rows.
   *
   * @return rows appended
   */
  public long append(SparkSession spark, Dataset<Row> kept, String run) {
    MinHashConfig m = meta.minhash();
    boolean withShingles = meta.shingles();
    String runName = run;
    Dataset<Row> rows = kept.select(Columns.ID, Columns.TEXT).mapPartitions(
        (MapPartitionsFunction<Row, Row>) it -> indexRows(it, runName, m, withShingles), Encoders.row(SCHEMA));
    long n = kept.count();
    if (n == 0) {
      return 0;
    }
    int files = (int) Math.max(1, Math.min(10_000, (n + DEFAULT_ROWS_PER_FILE - 1) / DEFAULT_ROWS_PER_FILE));
    Path dir = HadoopFiles.path(path);
    Path tmp = new Path(dir, "_tmp-" + run);
    Path dst = new Path(dir, run);
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(tmp, true);
      rows.repartition(files, col(Columns.ID)).sortWithinPartitions(col(Columns.ID))
          .write().parquet(tmp.toString());
      // Spark names files part-N-<random uuid>-c000...; rename them to part-N.parquet and drop the
      // _SUCCESS and checksum side files, so that the same rows give the same folder listing.
      for (FileStatus st : fs.listStatus(tmp)) {
        String name = st.getPath().getName();
        Matcher mt = SPARK_PART.matcher(name);
        if (mt.matches()) {
          Path to = new Path(tmp, String.format("part-%05d.parquet", Integer.parseInt(mt.group(1))));
          if (!fs.rename(st.getPath(), to)) {
            throw new IOException("rename failed: " + st.getPath() + " -> " + to);
          }
        }
      }
      for (FileStatus st : fs.listStatus(tmp)) {
        if (!st.getPath().getName().matches("part-\\d{5}\\.parquet")) {
          fs.delete(st.getPath(), true);
        }
      }
      if (fs.exists(dst)) {
        Path old = new Path(dir, "_old-" + run);
        fs.delete(old, true);
        if (!fs.rename(dst, old)) {
          throw new IOException("rename failed: " + dst + " -> " + old);
        }
        rename(fs, tmp, dst);
        fs.delete(old, true);
      } else {
        rename(fs, tmp, dst);
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to dedup index " + path, e);
    }
  }

  private static Iterator<Row> indexRows(Iterator<Row> it, String run, MinHashConfig m, boolean withShingles) {
    return Iterators.map(it, (Row r) -> {
      String norm = TextNormalizer.normalize(r.getString(1));
      long[] keys = null;
      byte[] set = null;
      if (m != null) {
        long[] sh = Shingles.hashes(norm, m.ngrams(), m.charShingles());
        if (sh.length > 0) {
          keys = LshBands.keys(MinHashClusters.Signer.get(m).signature(sh), m.bands(), m.rows());
        }
        if (withShingles) {
          long[] s = Shingles.set(norm, m.ngrams(), m.charShingles());
          ByteBuffer b = ByteBuffer.allocate(s.length * 8);
          b.asLongBuffer().put(s);
          set = b.array();
        }
      }
      return RowFactory.create(r.getString(0), run, ExactHash.ofNormalized(norm), keys, set);
    });
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename failed: " + from + " -> " + to);
    }
  }

  private static void writeAtomically(FileSystem fs, Path file, String content) throws IOException {
    Path tmp = new Path(file.getParent(), "_tmp-" + file.getName());
    fs.setWriteChecksum(false); // no .crc side files in the index folder
    try (OutputStream os = fs.create(tmp, true)) {
      os.write(content.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(file, false);
    rename(fs, tmp, file);
  }
}

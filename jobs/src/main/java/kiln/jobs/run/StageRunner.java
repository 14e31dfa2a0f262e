package kiln.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.sum;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.core.stats.StageStats;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs the stage contract: takes a stage's annotated rows (documents + nullable {@code reason}), writes
 * {@code OUT/kept/}, {@code OUT/rejected/} and {@code OUT/_stats.json}, and returns the stats.
 *
 * <p>Output files are laid out by a hash of the document id into a number of files that depends only on
 * the data size, and sorted by id inside each file, so the same input gives the same files whatever the
 * input partitioning was. The stage is written to a temporary folder and renamed into place, so a
 * folder that exists with {@code _stats.json} is complete.
 */
public final class StageRunner {
  private StageRunner() {}

  /** Target uncompressed text bytes per output file. */
  public static final long DEFAULT_FILE_BYTES = 256L << 20;

  public static final String KEPT = "kept";
  public static final String REJECTED = "rejected";
  public static final String STATS = "_stats.json";

  public static StageStats run(SparkSession spark, String stage, Dataset<Row> annotated, String outDir,
                               Map<String, Object> extra) {
    long t0 = System.nanoTime();
    Dataset<Row> a = annotated.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> reasons = new TreeMap<>();
      long docsIn = 0;
      long bytesIn = 0;
      long kept = 0;
      long bytesKept = 0;
      long bytesRejected = 0;
      for (Row r : a.groupBy(col(Columns.REASON))
          .agg(count(lit(1)).as("n"), sum(octet_length(col(Columns.TEXT))).as("b"))
          .collectAsList()) {
        long n = r.getLong(1);
        long b = r.isNullAt(2) ? 0 : r.getLong(2);
        docsIn += n;
        bytesIn += b;
        if (r.isNullAt(0)) {
          kept += n;
          bytesKept += b;
        } else {
          reasons.put(r.getString(0), n);
          bytesRejected += b;
        }
      }
      OutputDir out = OutputDir.begin(spark, outDir);
      write(a.filter(col(Columns.REASON).isNull()).drop(Columns.REASON), out.tmp(KEPT), bytesKept);
      write(a.filter(col(Columns.REASON).isNotNull()), out.tmp(REJECTED), bytesRejected);
      Map<String, Object> x = new LinkedHashMap<>();
      if (extra != null) {
        x.putAll(extra);
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      StageStats stats = new StageStats(stage, docsIn, kept, docsIn - kept, bytesIn, bytesKept, reasons,
          Math.round(wall * 1000) / 1000.0, x);
      out.writeString(STATS, stats.toJson());
      out.commit();
      return stats;
    } finally {
      a.unpersist();
    }
  }

  /** Writes rows as Parquet into a data-size-determined number of id-hashed, id-sorted files. */
  public static void write(Dataset<Row> rows, String path, long textBytes) {
    int files = (int) Math.max(1, Math.min(10_000, (textBytes + DEFAULT_FILE_BYTES - 1) / DEFAULT_FILE_BYTES));
    rows.repartition(files, col(Columns.ID))
        .sortWithinPartitions(col(Columns.ID))
        .write().mode(SaveMode.ErrorIfExists).parquet(path);
  }
}

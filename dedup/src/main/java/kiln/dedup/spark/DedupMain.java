package kiln.dedup.spark;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import kiln.core.Columns;
import kiln.core.config.ConfigNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Standalone dedup over a Parquet document dataset, for {@code bin/kiln dedup} until the runner wires the
 * stage: {@code --in DIR --out DIR [--config FILE] [--master local[2]]}. Writes {@code OUT/kept} (document
 * schema; meta has cluster_id, cluster_size) and {@code OUT/rejected} (plus reason; meta cluster_id = the
 * survivor), so exporting the duplicates shows which document each one collapsed into. The config file is
 * the stage's mapping (see docs/dedup.md) and is validated before Spark starts.
 */
public final class DedupMain {
  private DedupMain() {}

  public static void main(String[] args) {
    String in = null;
    String out = null;
    String config = null;
    String master = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw usage("missing value after " + a);
      }
      switch (a) {
        case "--in" -> in = args[++i];
        case "--out" -> out = args[++i];
        case "--config" -> config = args[++i];
        case "--master" -> master = args[++i];
        default -> throw usage("unknown option " + a);
      }
    }
    if (in == null || out == null) {
      throw usage("--in and --out are required");
    }
    DedupStage stage = DedupStage.fromConfig(config == null ? ConfigNode.empty("(defaults)")
        : ConfigNode.load(Path.of(config)));
    SparkSession.Builder b = SparkSession.builder().appName("kiln dedup");
    if (master != null) {
      b = b.master(master);
    }
    SparkSession spark = b.getOrCreate();
    try {
      run(spark, stage, in, out);
    } finally {
      spark.stop();
    }
  }

  /** Runs the stage once (materialised), then writes kept/ and rejected/. */
  public static void run(SparkSession spark, DedupStage stage, String in, String out) {
    Dataset<Row> annotated = stage.apply(spark.read().parquet(in)).localCheckpoint(true);
    annotated.where(col(Columns.REASON).isNull()).drop(Columns.REASON).write().mode("overwrite")
        .parquet(out + "/kept");
    annotated.where(col(Columns.REASON).isNotNull()).write().mode("overwrite").parquet(out + "/rejected");
  }

  private static IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(problem
        + "\nusage: kiln dedup --in DIR --out DIR [--config FILE] [--master URL]");
  }
}

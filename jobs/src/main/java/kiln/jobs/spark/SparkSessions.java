package kiln.jobs.spark;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a Kiln command uses. Under {@code spark-submit} the master and settings come
 * from the submitter and are left alone; otherwise Kiln runs embedded on {@code local[*]}.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Default embedded master. */
  public static final String DEFAULT_MASTER = "local[*]";

  /**
   * @param master master URL, or null to keep what spark-submit set (falling back to {@link #DEFAULT_MASTER})
   * @param conf extra settings from the pipeline's {@code spark.conf}
   */
  public static SparkSession create(String appName, String master, Map<String, String> conf) {
    SparkConf sc = new SparkConf(true);
    if (master != null) {
      sc.setMaster(master);
    } else if (!sc.contains("spark.master")) {
      sc.setMaster(DEFAULT_MASTER);
    }
    sc.setAppName(appName);
    boolean local = sc.get("spark.master").startsWith("local");
    Map<String, String> defaults = new TreeMap<>();
    defaults.put("spark.ui.enabled", "false");
    defaults.put("spark.ui.showConsoleProgress", "false");
    defaults.put("spark.sql.shuffle.partitions", local ? "8" : "200");
    defaults.put("spark.sql.adaptive.enabled", "true");
    defaults.put("spark.sql.parquet.compression.codec", "zstd");
    // Java serialization, not Kryo: Spark's Kryo cannot serialize Java records, which kernels use freely.
    // Parquet summary files and CRC side files are noise in user-facing output folders.
    defaults.put("spark.hadoop.parquet.summary.metadata.level", "NONE");
    defaults.put("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "true");
    if (local) {
      String host = System.getenv().getOrDefault("SPARK_LOCAL_IP", "127.0.0.1");
      defaults.put("spark.driver.host", host);
      defaults.put("spark.driver.bindAddress", host);
    }
    defaults.forEach((k, v) -> {
      if (!sc.contains(k)) {
        sc.set(k, v);
      }
    });
    if (conf != null) {
      conf.forEach(sc::set);
    }
    SparkSession spark = SparkSession.builder().config(sc).getOrCreate();
    spark.sparkContext().setLogLevel(System.getenv().getOrDefault("KILN_LOG_LEVEL", "WARN"));
    spark.sparkContext().addSparkListener(new kiln.jobs.run.ConsoleProgress(System.out));
    return spark;
  }
}

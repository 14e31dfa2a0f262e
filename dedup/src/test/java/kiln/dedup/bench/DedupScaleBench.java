package kiln.dedup.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kiln.core.Columns;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.dedup.spark.DedupStage;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Wall time of DedupStage (exact + MinHash 14x8) against input size, and one run with a giant bucket.
 *
 * <p>Documents are generated from real text: each is 6 random 15-word windows of the shared books and
 * speeches (90 words); a tenth are copies of another generated document with 2% of words edited (near
 * duplicates), so clustering has work to do. Input is written to Parquet first; the timed part reads it,
 * runs the stage and writes kept/ and rejected/ Parquet, as the runner does. Peak heap is the sum of heap
 * pools' peak usage in this JVM (local mode: driver = executor), reset before each run.
 *
 * <p>Args: WORKDIR SIZES(comma-separated, may be empty) BOILERPLATE_DOCS.
 */
public final class DedupScaleBench {
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    String[] sizes = args[1].split(",");
    int boiler = Integer.parseInt(args[2]);
    Path data = SharedData.root().map(r -> r.resolve("data"))
        .orElseThrow(() -> new IllegalStateException("shared data not found: set KILN_SHARED"));
    List<String> words = RealText.words(data);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("DedupScaleBench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
        .config("spark.local.dir", work.resolve("spark-tmp").toString()).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Broadcast<String[]> vocab = spark.sparkContext().broadcast(words.toArray(new String[0]),
        scala.reflect.ClassTag$.MODULE$.apply(String[].class));
    try {
      for (String s : sizes) {
        if (s.isBlank()) {
          continue;
        }
        int n = Integer.parseInt(s.trim());
        Path in = work.resolve("in-" + n);
        generate(spark, vocab, n, in);
        run(spark, in, work.resolve("out-" + n), n, "exact: true\nminhash: {enabled: true}", "dedup_minhash");
      }
      if (boiler > 0) {
        Path in = work.resolve("boiler-" + boiler);
        String text = "Cookie notice. This website uses cookies to give you the best experience. By continuing to "
            + "browse you agree to our use of cookies. Read our privacy policy and terms of service for details.";
        spark.range(boiler).select(
                functions.format_string("b%08d", functions.col("id")).as(Columns.ID), functions.lit("bench").as("source"),
                functions.lit("web").as("kind"), functions.lit(null).cast("string").as("url"),
                functions.lit(text).as("text"), functions.lit(null).cast("string").as("lang"),
                functions.lit(null).cast("map<string,string>").as("meta"))
            .write().mode("overwrite").parquet(in.toString());
        // Exact off: all documents land in one MinHash bucket per band (200k-member star).
        run(spark, in, work.resolve("out-boiler"), boiler, "exact: false\nminhash: {enabled: true}",
            "dedup_minhash_boilerplate");
      }
    } finally {
      spark.stop();
    }
  }

  private static void generate(SparkSession spark, Broadcast<String[]> vocab, int n, Path out) {
    if (Files.isDirectory(out)) {
      return;
    }
    spark.range(0, n, 1, 8).mapPartitions((MapPartitionsFunction<Long, Row>) ids -> {
      String[] v = vocab.value();
      List<Row> rows = new ArrayList<>();
      while (ids.hasNext()) {
        long id = ids.next();
        boolean variant = id % 10 == 9;
        // A variant re-creates the text of document id - 1 from the same seed, then edits it.
        SplittableRandom r = new SplittableRandom(variant ? id - 1 : id);
        List<String> w = new ArrayList<>(90);
        for (int k = 0; k < 6; k++) {
          int start = r.nextInt(v.length - 15);
          for (int j = 0; j < 15; j++) {
            w.add(v[start + j]);
          }
        }
        String text = variant ? RealText.edit(w, 0.02, java.util.Arrays.asList(v), new SplittableRandom(~id)) : String.join(" ", w);
        rows.add(RowFactory.create(String.format("d%09d", id), "bench", "text", null, text, null, null));
      }
      return rows.iterator();
    }, Encoders.row(DocumentSchema.DOCUMENT)).write().mode("overwrite").parquet(out.toString());
  }

  private static void run(SparkSession spark, Path in, Path out, int n, String yaml, String label) {
    System.gc();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
        heap.add(p);
      }
    }
    long t0 = System.nanoTime();
    Dataset<Row> docs = spark.read().parquet(in.toString());
    Dataset<Row> annotated = DedupStage.fromConfig(ConfigNode.parse(yaml, "bench")).apply(docs).localCheckpoint(true);
    annotated.where(functions.col(Columns.REASON).isNull()).drop(Columns.REASON).write().mode("overwrite")
        .parquet(out.resolve("kept").toString());
    annotated.where(functions.col(Columns.REASON).isNotNull()).write().mode("overwrite")
        .parquet(out.resolve("rejected").toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    long rejected = spark.read().parquet(out.resolve("rejected").toString()).count();
    long bytes = spark.read().parquet(in.toString()).select(functions.sum(functions.octet_length(functions.col("text"))))
        .first().getLong(0);
    long peak = 0;
    for (MemoryPoolMXBean p : heap) {
      peak += p.getPeakUsage().getUsed();
    }
    double mb = bytes / 1e6;
    System.out.printf("BENCH %s docs=%d mb=%.1f seconds=%.1f mb_per_s=%.2f rejected=%d peak_heap_mb=%d%n", label, n, mb,
        seconds, mb / seconds, rejected, peak >> 20);
  }

}

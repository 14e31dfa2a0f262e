package kiln.dedup.bench;

import java.io.IOException;
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
 * Wall time and peak memory of DedupStage against input size, one size per JVM.
 *
 * <p>Modes ({@code bench/dedup.sh scale N1 N2 ...} runs {@code generate} then {@code run} per size, each in
 * a fresh JVM):
 * <ul>
 *   <li>{@code generate text WORK N}: writes {@code WORK/in-N} (Parquet, 8 files) unless it exists. Each
 *       document is 6 random 15-word windows of the shared books and speeches (90 real words); every tenth
 *       document is the one before it with 2% of its words edited (substituted, deleted or inserted), a near
 *       duplicate with word-5-gram Jaccard about 0.8.</li>
 *   <li>{@code generate boiler WORK N}: N identical cookie-notice pages (one giant LSH bucket per band).</li>
 *   <li>{@code run text|boiler WORK N [YAML]}: the timed part: read the input, run the stage (default config:
 *       exact + MinHash 14 x 8; boiler: exact off), write {@code kept/} and {@code rejected/} Parquet as the
 *       runner does. Prints one {@code BENCH} line.</li>
 * </ul>
 *
 * <p>Memory: {@code peak_rss_mb} is the process's VmHWM from {@code /proc/self/status} at the end, the
 * resident-set high-water mark of the whole JVM (heap, metaspace, threads, Netty and Parquet buffers) in
 * local mode, where driver and executor are one process. Generation runs in another JVM, so the corpus
 * word list is not in it; JVM and Spark start-up are. {@code peak_heap_mb} is the sum over heap pools of
 * {@code MemoryPoolMXBean.getPeakUsage}, reset just before the timed part (pools peak at different
 * moments, so the sum is an upper bound of the heap in use). Both are reported; RSS is the honest one.
 */
public final class DedupScaleBench {
  private DedupScaleBench() {}

  static final String DEFAULT_CONFIG = "exact: true\nminhash: {enabled: true}";
  static final String BOILER_CONFIG = "exact: false\nminhash: {enabled: true}";

  public static void main(String[] args) throws Exception {
    if (args.length < 4 || !(args[0].equals("generate") || args[0].equals("run"))
        || !(args[1].equals("text") || args[1].equals("boiler"))) {
      System.err.println("usage: DedupScaleBench generate|run text|boiler WORKDIR DOCS [YAML]");
      System.exit(2);
    }
    boolean generate = args[0].equals("generate");
    boolean boiler = args[1].equals("boiler");
    Path work = Path.of(args[2]);
    int n = Integer.parseInt(args[3]);
    if (n < 1) {
      throw new IllegalArgumentException("DOCS must be >= 1, got " + n);
    }
    Path in = work.resolve((boiler ? "boiler-" : "in-") + n);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("DedupScaleBench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
        .config("spark.local.dir", work.resolve("spark-tmp").toString()).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      if (generate) {
        if (boiler) {
          generateBoiler(spark, n, in);
        } else {
          generateText(spark, n, in);
        }
      } else {
        if (!Files.isDirectory(in)) {
          throw new IllegalStateException("no input at " + in + ": run `generate " + args[1] + "` first");
        }
        String yaml = args.length > 4 ? args[4] : boiler ? BOILER_CONFIG : DEFAULT_CONFIG;
        run(spark, in, work.resolve((boiler ? "out-boiler-" : "out-") + n), n, yaml,
            boiler ? "dedup_minhash_boilerplate" : "dedup_minhash");
      }
    } finally {
      spark.stop();
    }
  }

  private static void generateText(SparkSession spark, int n, Path out) throws IOException {
    if (Files.isDirectory(out)) {
      return;
    }
    Path data = SharedData.root().map(r -> r.resolve("data"))
        .orElseThrow(() -> new IllegalStateException("shared data not found: set KILN_SHARED"));
    List<String> words = RealText.words(data);
    if (words.size() < 1000) {
      throw new IllegalStateException("too few words under " + data + "/books: " + words.size());
    }
    Broadcast<String[]> vocab = spark.sparkContext().broadcast(words.toArray(new String[0]),
        scala.reflect.ClassTag$.MODULE$.apply(String[].class));
    spark.range(0, n, 1, 8).mapPartitions((MapPartitionsFunction<Long, Row>) ids -> {
      String[] v = vocab.value();
      List<String> vl = java.util.Arrays.asList(v);
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
        String text = variant ? RealText.edit(w, 0.02, vl, new SplittableRandom(~id)) : String.join(" ", w);
        rows.add(RowFactory.create(String.format("d%09d", id), "bench", "text", null, text, null, null));
      }
      return rows.iterator();
    }, Encoders.row(DocumentSchema.DOCUMENT)).write().mode("overwrite").parquet(out.toString());
  }

  private static void generateBoiler(SparkSession spark, int n, Path out) {
    if (Files.isDirectory(out)) {
      return;
    }
    String text = "Cookie notice. This website uses cookies to give you the best experience. By continuing to "
        + "browse you agree to our use of cookies. Read our privacy policy and terms of service for details.";
    spark.range(0, n, 1, 8).select(
            functions.format_string("b%08d", functions.col("id")).as(Columns.ID), functions.lit("bench").as("source"),
            functions.lit("web").as("kind"), functions.lit(null).cast("string").as("url"),
            functions.lit(text).as("text"), functions.lit(null).cast("string").as("lang"),
            functions.lit(null).cast("map<string,string>").as("meta"))
        .write().mode("overwrite").parquet(out.toString());
  }

  private static void run(SparkSession spark, Path in, Path out, int n, String yaml, String label)
      throws IOException {
    DedupStage stage = DedupStage.fromConfig(ConfigNode.parse(yaml, "bench"));
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
    Dataset<Row> annotated = stage.apply(docs).localCheckpoint(true);
    annotated.where(functions.col(Columns.REASON).isNull()).drop(Columns.REASON).write().mode("overwrite")
        .parquet(out.resolve("kept").toString());
    annotated.where(functions.col(Columns.REASON).isNotNull()).write().mode("overwrite")
        .parquet(out.resolve("rejected").toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peakHeap = 0;
    for (MemoryPoolMXBean p : heap) {
      peakHeap += p.getPeakUsage().getUsed();
    }
    long rejected = spark.read().parquet(out.resolve("rejected").toString()).count();
    long docsIn = spark.read().parquet(in.toString()).count();
    if (docsIn != n) {
      throw new IllegalStateException(in + " holds " + docsIn + " documents, expected " + n);
    }
    long bytes = spark.read().parquet(in.toString()).select(functions.sum(functions.octet_length(functions.col("text"))))
        .first().getLong(0);
    double mb = bytes / 1e6;
    System.out.printf("BENCH %s docs=%d mb=%.1f seconds=%.1f docs_per_s=%.0f mb_per_s=%.3f rejected=%d "
            + "peak_rss_mb=%s peak_heap_mb=%d%n", label, n, mb, seconds, n / seconds, mb / seconds, rejected,
        peakRssMb(), peakHeap >> 20);
  }

  /** VmHWM of this process in MiB, or "n/a" where /proc is missing (not Linux). */
  static String peakRssMb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return "n/a";
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        // "VmHWM:	  123456 kB"
        long kb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        return Long.toString(kb >> 10);
      }
    }
    return "n/a";
  }
}

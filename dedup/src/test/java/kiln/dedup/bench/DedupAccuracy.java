package kiln.dedup.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.dedup.minhash.JaccardVerifier;
import kiln.dedup.minhash.LshBands;
import kiln.dedup.minhash.MinHashConfig;
import kiln.dedup.minhash.MinHashSignatures;
import kiln.dedup.spark.DedupStage;
import kiln.dedup.text.Shingles;
import kiln.dedup.text.TextNormalizer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Accuracy of MinHash dedup on real text, printed as tables:
 * <ol>
 *   <li>Recall vs theory: 400-word windows of the shared books and speeches, each with one variant edited at
 *       a rate drawn from [0, 8%]; for pairs with true word-5-gram Jaccard >= 0.8, the share that collide in
 *       at least one band, next to the LSH expectation mean(1 - (1 - J^r)^b) over the same pairs.</li>
 *   <li>False positives: the same corpus through DedupStage (Spark) with verify off and on; for every
 *       rejected document, the true Jaccard to the survivor named by its cluster_id; share below 0.5.</li>
 *   <li>gutenberg-editions: the 87 files through DedupStage; per labelled book, how its files were clustered.</li>
 * </ol>
 * Args: [pairs=2000] [bands=14] [rows=8] [editions-only (runs part 3 with verify on only)].
 */
public final class DedupAccuracy {
  public static void main(String[] args) throws Exception {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int bands = args.length > 1 ? Integer.parseInt(args[1]) : 14;
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path data = SharedData.root().map(r -> r.resolve("data"))
        .orElseThrow(() -> new IllegalStateException("shared data not found: set KILN_SHARED"));
    MinHashConfig mh = new MinHashConfig(true, 5, bands, rows, 1, false, false, 0.7);

    if (args.length > 3 && args[3].equals("editions-only")) {
      SparkSession spark = SparkSession.builder().master("local[2]").appName("DedupAccuracy")
          .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
      try {
        editions(spark, data.resolve("neardup/gutenberg-editions"), bands, rows, true);
      } finally {
        spark.stop();
      }
      return;
    }
    List<String> words = RealText.words(data);
    System.out.printf("corpus: %d words from books/gutenberg and books/sotu%n", words.size());
    SplittableRandom r = new SplittableRandom(42);
    List<Document> docs = new ArrayList<>();
    Map<String, long[]> sets = new HashMap<>();
    MinHashSignatures sig = new MinHashSignatures(mh.numHashes(), mh.seed());
    int[] binHit = new int[5];
    int[] binN = new int[5];
    double[] binTheory = new double[5];
    int hiN = 0;
    int hiHit = 0;
    double hiTheory = 0;
    for (int i = 0; i < pairs; i++) {
      int start = r.nextInt(words.size() - 400);
      List<String> w = words.subList(start, start + 400);
      String a = String.join(" ", w);
      String b = RealText.edit(w, r.nextDouble() * 0.08, words, r);
      String ida = String.format("p%05d-a", i);
      String idb = String.format("p%05d-b", i);
      docs.add(new Document(ida, "eval", Document.Kind.TEXT, null, a, null, null));
      docs.add(new Document(idb, "eval", Document.Kind.TEXT, null, b, null, null));
      long[] sa = Shingles.set(TextNormalizer.normalize(a), 5, false);
      long[] sb = Shingles.set(TextNormalizer.normalize(b), 5, false);
      sets.put(ida, sa);
      sets.put(idb, sb);
      double j = JaccardVerifier.jaccard(sa, sb);
      long[] ka = LshBands.keys(sig.signature(sa), bands, rows);
      long[] kb = LshBands.keys(sig.signature(sb), bands, rows);
      boolean hit = false;
      for (int k = 0; k < bands; k++) {
        hit |= ka[k] == kb[k];
      }
      double p = mh.detectionProbability(j);
      int bin = j >= 0.95 ? 4 : j >= 0.9 ? 3 : j >= 0.85 ? 2 : j >= 0.8 ? 1 : j >= 0.7 ? 0 : -1;
      if (bin >= 0) {
        binN[bin]++;
        binHit[bin] += hit ? 1 : 0;
        binTheory[bin] += p;
      }
      if (j >= 0.8) {
        hiN++;
        hiHit += hit ? 1 : 0;
        hiTheory += p;
      }
    }
    System.out.printf("%n== recall vs LSH theory (%d x %d, word 5-grams), %d edited pairs ==%n", bands, rows, pairs);
    System.out.println("J range      pairs  recall  theory");
    String[] names = {"[0.70,0.80)", "[0.80,0.85)", "[0.85,0.90)", "[0.90,0.95)", "[0.95,1.00]"};
    for (int b = 0; b < 5; b++) {
      System.out.printf("%-12s %5d  %.3f   %.3f%n", names[b], binN[b], binN[b] == 0 ? 0 : (double) binHit[b] / binN[b],
          binN[b] == 0 ? 0 : binTheory[b] / binN[b]);
    }
    System.out.printf("J >= 0.8     %5d  %.3f   %.3f   (P at J = 0.8 exactly: %.3f)%n", hiN, (double) hiHit / hiN,
        hiTheory / hiN, mh.detectionProbability(0.8));

    SparkSession spark = SparkSession.builder().master("local[2]").appName("DedupAccuracy")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      System.out.printf("%n== flagged pairs (rejected doc vs its cluster_id survivor), DedupStage on %d docs ==%n",
          docs.size());
      for (boolean verify : new boolean[] {false, true}) {
        String yaml = String.format("exact: false%nminhash: {enabled: true, bands: %d, rows: %d, verify: %s, threshold: 0.7}",
            bands, rows, verify);
        DedupStage stage = DedupStage.fromConfig(ConfigNode.parse(yaml, "eval"));
        List<Row> out = stage.apply(spark.createDataFrame(docs.stream().map(DocumentSchema::toRow).toList(),
            DocumentSchema.DOCUMENT).repartition(8)).collectAsList();
        int flagged = 0;
        int below05 = 0;
        int below07 = 0;
        for (Row row : out) {
          if (row.isNullAt(row.fieldIndex("reason"))) {
            continue;
          }
          Document d = DocumentSchema.toDocument(row);
          double j = JaccardVerifier.jaccard(sets.get(d.id()), sets.get(d.meta().get("cluster_id")));
          flagged++;
          below05 += j < 0.5 ? 1 : 0;
          below07 += j < 0.7 ? 1 : 0;
        }
        System.out.printf("verify=%-5s flagged=%d  J<0.5: %d (%.2f%%)  J<0.7: %d (%.2f%%)%n", verify, flagged, below05,
            100.0 * below05 / Math.max(1, flagged), below07, 100.0 * below07 / Math.max(1, flagged));
      }
      editions(spark, data.resolve("neardup/gutenberg-editions"), bands, rows, false, true);
    } finally {
      spark.stop();
    }
  }

  private static void editions(SparkSession spark, Path dir, int bands, int rows, boolean... verifyModes)
      throws Exception {
    Map<String, String> label = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("LABELS.tsv"))) {
      String[] f = line.split("\t");
      if (!f[0].equals("file")) {
        label.put(f[0], f[2]);
      }
    }
    List<Document> docs = new ArrayList<>();
    for (String file : label.keySet()) {
      docs.add(new Document(file, "editions", Document.Kind.BOOK, null, RealText.read(dir.resolve(file)), null, null));
    }
    for (boolean verify : verifyModes) {
      String yaml = String.format("exact: true%nminhash: {enabled: true, bands: %d, rows: %d, verify: %s}", bands, rows,
          verify);
      // Through Parquet: a driver-side list of 87 books inside the plan is re-serialised into every task.
      Path tmp = Files.createTempDirectory("editions");
      spark.createDataFrame(docs.stream().map(DocumentSchema::toRow).toList(), DocumentSchema.DOCUMENT)
          .write().parquet(tmp.resolve("in").toString());
      List<Row> out = DedupStage.fromConfig(ConfigNode.parse(yaml, "eval"))
          .apply(spark.read().parquet(tmp.resolve("in").toString()).repartition(4))
          .select("id", "reason", "meta").collectAsList();
      Map<String, String> cluster = new TreeMap<>();
      for (Row row : out) {
        cluster.put(row.getString(0), row.<String, String>getJavaMap(2).get("cluster_id"));
      }
      System.out.printf("%n== gutenberg-editions (%d files), verify=%s ==%n", docs.size(), verify);
      System.out.println("label                          files  clusters  largest  merged_with_other_labels");
      Map<String, List<String>> byLabel = new TreeMap<>();
      label.forEach((f, l) -> byLabel.computeIfAbsent(l, k -> new ArrayList<>()).add(f));
      int perfect = 0;
      for (Map.Entry<String, List<String>> e : byLabel.entrySet()) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String f : e.getValue()) {
          counts.merge(cluster.get(f), 1, Integer::sum);
        }
        int largest = counts.values().stream().max(Integer::compare).orElse(0);
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, String> c : cluster.entrySet()) {
          if (counts.containsKey(c.getValue()) && !label.get(c.getKey()).equals(e.getKey())) {
            others.add(c.getKey());
          }
        }
        boolean ok = counts.size() == 1 && others.isEmpty();
        perfect += ok ? 1 : 0;
        System.out.printf("%-30s %5d  %8d  %7d  %s%n", e.getKey(), e.getValue().size(), counts.size(), largest,
            others.isEmpty() ? "-" : String.join(",", others));
      }
      System.out.printf("labels recovered exactly (one cluster, nothing foreign): %d of %d%n", perfect, byLabel.size());
    }
  }
}

package kiln.filters.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import kiln.core.Columns;
import kiln.filters.lm.ArpaModel;
import kiln.filters.lm.LmTokenizer;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Raw n-gram counts of orders 1..N over a documents dataset, for {@link kiln.filters.lm.KneserNeyEstimator}:
 * each non-blank line of {@code text} becomes {@code <s> words </s>} through {@link LmTokenizer} (as the
 * {@code perplexity} filter reads it), counted in Spark and collected to the driver. Sums do not depend on the
 * partitioning.
 */
public final class NgramCounts {
  private NgramCounts() {}

  public static List<Map<String, Long>> count(Dataset<Row> docs, int order, String tokenizerSpec) {
    if (order < 1) {
      throw new IllegalArgumentException("order: must be >= 1, got " + order);
    }
    LmTokenizer.open(tokenizerSpec); // fail on the driver, before the job, on a bad spec
    JavaPairRDD<String, Long> counts = docs.select(Columns.TEXT).javaRDD()
        .mapPartitionsToPair((Iterator<Row> rows) -> {
          LmTokenizer tok = LmTokenizer.open(tokenizerSpec);
          Map<String, Long> local = new HashMap<>();
          while (rows.hasNext()) {
            String text = rows.next().getString(0);
            if (text == null) {
              continue;
            }
            for (String line : text.split("\n")) {
              String[] words = tok.words(line);
              if (words.length > 0) {
                add(local, words, order);
              }
            }
          }
          List<Tuple2<String, Long>> out = new ArrayList<>(local.size());
          local.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
          return out.iterator();
        })
        .reduceByKey(Long::sum);
    List<Map<String, Long>> byOrder = new ArrayList<>();
    for (int n = 0; n < order; n++) {
      byOrder.add(new HashMap<>());
    }
    for (Tuple2<String, Long> t : counts.collect()) {
      String k = t._1();
      int n = k.length() - k.replace(" ", "").length() + 1;
      byOrder.get(n - 1).put(k, t._2());
    }
    return byOrder;
  }

  /** Counts every n-gram (n ≤ order) of {@code <s> words </s>} that does not end in {@code <s>}. */
  static void add(Map<String, Long> into, String[] words, int order) {
    String[] s = new String[words.length + 2];
    s[0] = ArpaModel.BOS;
    System.arraycopy(words, 0, s, 1, words.length);
    s[s.length - 1] = ArpaModel.EOS;
    for (int end = 0; end < s.length; end++) {
      StringBuilder g = new StringBuilder();
      for (int start = end; start >= 0 && end - start < order; start--) {
        g.insert(0, start == end ? s[start] : s[start] + " ");
        into.merge(g.toString(), 1L, Long::sum);
      }
    }
  }
}

package kiln.filters.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kiln.core.Columns;
import kiln.filters.model.BinaryMetrics;
import kiln.filters.model.FastTextModel;
import kiln.filters.model.FastTextTrainer;
import kiln.filters.model.TrainingExamples;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import scala.Tuple5;

/**
 * {@code kiln classifier train}: a DCLM-style quality classifier from positive and negative document sets.
 *
 * <p>Spark reads the datasets, cuts documents into examples ({@link TrainingExamples#pieces}), splits them by a
 * seeded hash of the example key, caps each class, and counts the vocabulary; the driver then runs the
 * single-threaded, seeded fastText trainer ({@link FastTextTrainer}) over the training examples in hash order, and
 * scores the held-out examples with the written model as the {@code quality_classifier} filter would. A single
 * SGD pass on one thread is what makes the model a function of the input and options only: fastText's Hogwild
 * threads (or per-partition models averaged) would depend on scheduling or partitioning. It bounds the training
 * set to what the driver holds, which {@code maxPerClass} keeps in check.
 */
public final class ClassifierTraining {
  private ClassifierTraining() {}

  /** Everything but the data and the model options. */
  public record Settings(String positiveLabel, String negativeLabel, double heldOut, long seed, int chunkChars,
      long maxPerClass) {
    public Settings {
      if (!(heldOut > 0 && heldOut < 1)) {
        throw new IllegalArgumentException("held-out: must be in (0, 1), got " + heldOut);
      }
      if (chunkChars < 0) {
        throw new IllegalArgumentException("chunk-chars: must be >= 0, got " + chunkChars);
      }
      if (maxPerClass < 0) {
        throw new IllegalArgumentException("max-per-class: must be >= 0 (0: no cap), got " + maxPerClass);
      }
      if (positiveLabel.equals(negativeLabel)) {
        throw new IllegalArgumentException("positive and negative labels are both " + positiveLabel);
      }
    }
  }

  /** Counts per class, held-out quality of the written model (score = P(positive label), cut at 0.5). */
  public record Result(long trainPositives, long trainNegatives, long vocabulary, BinaryMetrics heldOut,
      FastTextModel model) {}

  public static Result train(SparkSession spark, List<String> positive, List<String> negative, Path out,
      FastTextTrainer.Options options, Settings s, Path heldOutDir) throws IOException {
    Dataset<Row> ex = examples(spark, positive, 0, s).union(examples(spark, negative, 1, s));
    if (s.maxPerClass() > 0) {
      int cap = (int) Math.min(Integer.MAX_VALUE, s.maxPerClass());
      ex = ex.where("label = 0").orderBy("order", "key", "line").limit(cap)
          .union(ex.where("label = 1").orderBy("order", "key", "line").limit(cap));
    }
    ex = ex.cache();
    try {
      Dataset<Row> train = ex.where("NOT held");
      Map<String, Long> vocab = new HashMap<>();
      for (Row r : train.select("line").as(Encoders.STRING())
          .flatMap((FlatMapFunction<String, String>) l -> FastTextTrainer.tokens(l).iterator(), Encoders.STRING())
          .groupBy("value").count().collectAsList()) {
        vocab.put(r.getString(0), r.getLong(1));
      }
      List<String> lines = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      for (Row r : train.orderBy("order", "key", "line").select("line", "label").collectAsList()) {
        lines.add(r.getString(0));
        labels.add(r.getInt(1));
      }
      int[] labelOf = labels.stream().mapToInt(Integer::intValue).toArray();
      long pos = labels.stream().filter(l -> l == 0).count();
      if (pos == 0 || pos == lines.size()) {
        throw new IllegalArgumentException("no training examples for the "
            + (pos == 0 ? "positive" : "negative") + " class (" + lines.size() + " examples in all)");
      }
      FastTextModel model = FastTextTrainer.train(lines, labelOf, List.of(s.positiveLabel(), s.negativeLabel()),
          vocab, options, out);

      Dataset<Row> held = ex.where("held").orderBy("key", "line", "label").select("key", "line", "label");
      List<Row> heldRows = held.collectAsList();
      double[] scores = new double[heldRows.size()];
      boolean[] isPos = new boolean[heldRows.size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = model.probability(heldRows.get(i).getString(1), 0);
        isPos[i] = heldRows.get(i).getInt(2) == 0;
      }
      if (heldOutDir != null) {
        held.withColumn("label", functions.when(functions.col("label").equalTo(0), s.positiveLabel())
                .otherwise(s.negativeLabel()))
            .withColumnRenamed("key", Columns.ID).withColumnRenamed("line", Columns.TEXT)
            .coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(heldOutDir.toString());
      }
      return new Result(pos, lines.size() - pos, vocab.size(), BinaryMetrics.of(scores, isPos, 0.5), model);
    } finally {
      ex.unpersist();
    }
  }

  /** Columns key, line, label (0 positive, 1 negative), held (boolean), order (long). */
  private static Dataset<Row> examples(SparkSession spark, List<String> dirs, int label, Settings s) {
    int chunk = s.chunkChars();
    long seed = s.seed();
    double frac = s.heldOut();
    return spark.read().parquet(dirs.toArray(new String[0])).select(Columns.ID, Columns.TEXT)
        .flatMap((FlatMapFunction<Row, Tuple5<String, String, Integer, Boolean, Long>>) r -> {
          List<Tuple5<String, String, Integer, Boolean, Long>> o = new ArrayList<>();
          for (TrainingExamples.Piece p : TrainingExamples.pieces(r.getString(0), r.getString(1), chunk)) {
            o.add(new Tuple5<>(p.key(), p.line(), label, TrainingExamples.heldOut(p.key(), seed, frac),
                TrainingExamples.order(p.key(), seed)));
          }
          return o.iterator();
        }, Encoders.tuple(Encoders.STRING(), Encoders.STRING(), Encoders.INT(), Encoders.BOOLEAN(), Encoders.LONG()))
        .toDF("key", "line", "label", "held", "order");
  }
}

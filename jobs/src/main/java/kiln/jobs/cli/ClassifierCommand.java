package kiln.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import kiln.filters.model.BinaryMetrics;
import kiln.filters.model.FastTextTrainer;
import kiln.filters.spark.ClassifierTraining;
import kiln.jobs.run.Progress;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "classifier", mixinStandardHelpOptions = true, description = "Quality classifier tools.",
    subcommands = {ClassifierCommand.Train.class})
final class ClassifierCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train a fastText-format quality classifier (for the quality_classifier filter) on positive "
          + "and negative document datasets (Parquet); prints held-out precision, recall and AUC "
          + "(docs/filters.md, quality_classifier).")
  static final class Train implements Callable<Integer> {
    @Option(names = "--positive", required = true, arity = "1..*", description = "Positive documents (Parquet).")
    List<String> positive;

    @Option(names = "--negative", required = true, arity = "1..*", description = "Negative documents (Parquet).")
    List<String> negative;

    @Option(names = "--out", required = true, description = "Model file to write (e.g. models/hq.bin).")
    Path out;

    @Option(names = "--format", defaultValue = "fasttext", description = "Model format: fasttext (default).")
    String format;

    @Option(names = "--positive-label", defaultValue = "__label__hq", description = "(default ${DEFAULT-VALUE})")
    String positiveLabel;

    @Option(names = "--negative-label", defaultValue = "__label__cc", description = "(default ${DEFAULT-VALUE})")
    String negativeLabel;

    @Option(names = "--dim", defaultValue = "16", description = "Vector size (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--epoch", defaultValue = "5", description = "Passes over the data (default ${DEFAULT-VALUE}).")
    int epoch;

    @Option(names = "--lr", defaultValue = "0.1", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--word-ngrams", defaultValue = "2", description = "Max word n-gram (default ${DEFAULT-VALUE}).")
    int wordNgrams;

    @Option(names = "--bucket", defaultValue = "1048576", description = "Hash buckets for n-grams "
        + "(default ${DEFAULT-VALUE}).")
    int bucket;

    @Option(names = "--min-count", defaultValue = "1", description = "Min word count (default ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--held-out", defaultValue = "0.1", description = "Fraction held out by a seeded hash of "
        + "the example key (default ${DEFAULT-VALUE}).")
    double heldOut;

    @Option(names = "--seed", defaultValue = "0", description = "Split and initialisation seed "
        + "(default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--chunk-chars", defaultValue = "0", description = "Cut documents at paragraph boundaries "
        + "into examples of at least N chars (default ${DEFAULT-VALUE}: whole documents).")
    int chunkChars;

    @Option(names = "--max-per-class", defaultValue = "0", description = "Keep at most N examples per class, "
        + "chosen by a seeded hash (default ${DEFAULT-VALUE}: all).")
    long maxPerClass;

    @Option(names = "--metrics", description = "Also write the held-out numbers as JSON to this file.")
    Path metrics;

    @Option(names = "--held-out-out", description = "Also write the held-out examples (id, text, label) as "
        + "Parquet to this folder, e.g. to choose a threshold.")
    Path heldOutOut;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() throws Exception {
      if (!format.equals("fasttext")) {
        throw new IllegalArgumentException("--format: only 'fasttext' is supported, got '" + format + "'");
      }
      FastTextTrainer.Options opts = new FastTextTrainer.Options(dim, epoch, lr, wordNgrams, bucket, minCount, seed);
      ClassifierTraining.Settings settings = new ClassifierTraining.Settings(positiveLabel, negativeLabel, heldOut,
          seed, chunkChars, maxPerClass);
      FastTextTrainer.checkLabel(positiveLabel);
      FastTextTrainer.checkLabel(negativeLabel);
      if (Files.exists(out) && Files.isDirectory(out)) {
        throw new IllegalArgumentException("--out: " + out + " is a folder; give a model file name");
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Progress progress = new Progress(System.out);
      SparkSession spark = SparkSessions.create("kiln classifier train", sparkOptions.master, sparkOptions.conf);
      ClassifierTraining.Result r;
      try {
        r = ClassifierTraining.train(spark, positive, negative, out, opts, settings, heldOutOut);
      } finally {
        spark.stop();
      }
      BinaryMetrics m = r.heldOut();
      progress.info(String.format(Locale.ROOT, "classifier: trained on %d positive (%s) and %d negative (%s) "
          + "examples, %d words; model %s", r.trainPositives(), positiveLabel, r.trainNegatives(), negativeLabel,
          r.vocabulary(), out));
      progress.info(String.format(Locale.ROOT, "held out: %d positive, %d negative; precision %.4f, recall %.4f "
          + "(P(%s) > 0.5), AUC %.4f", m.positives(), m.negatives(), m.precision(), m.recall(), positiveLabel,
          m.auc()));
      if (metrics != null) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode n = json.createObjectNode();
        n.put("model", out.toString());
        n.put("train_positives", r.trainPositives());
        n.put("train_negatives", r.trainNegatives());
        n.put("vocabulary", r.vocabulary());
        n.put("held_out_positives", m.positives());
        n.put("held_out_negatives", m.negatives());
        n.put("true_positives", m.truePositives());
        n.put("false_positives", m.falsePositives());
        n.put("precision", m.precision());
        n.put("recall", m.recall());
        n.put("auc", m.auc());
        json.writerWithDefaultPrettyPrinter().writeValue(metrics.toFile(), n);
      }
      return 0;
    }
  }
}

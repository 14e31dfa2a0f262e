package kiln.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kiln.jobs.run.Progress;
import kiln.jobs.spark.SparkSessions;
import kiln.tokenize.spark.SpmTrainer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tokenizer", mixinStandardHelpOptions = true, description = "Tokenizer tools.",
    subcommands = {TokenizerCommand.Train.class})
final class TokenizerCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train a SentencePiece model with spm_train (Debian package sentencepiece) on a "
          + "deterministic sample of the corpus (a seeded hash of each document id picks it).")
  static final class Train implements Callable<Integer> {
    @Option(names = "--in", required = true, description = "Documents (Parquet).")
    String in;

    @Option(names = "--vocab-size", required = true, description = "Vocabulary size.")
    int vocabSize;

    @Option(names = "--model-type", defaultValue = "unigram", description = "unigram|bpe (default ${DEFAULT-VALUE}).")
    String modelType;

    @Option(names = "--out", required = true, description = "Output prefix: writes PREFIX.model and PREFIX.vocab.")
    Path out;

    @Option(names = "--sample", defaultValue = "1.0", description = "Fraction of documents to sample (default ${DEFAULT-VALUE}).")
    double sample;

    @Option(names = "--max-sentences", defaultValue = "" + SpmTrainer.DEFAULT_MAX_SENTENCES,
        description = "Cap on training lines (default ${DEFAULT-VALUE}).")
    long maxSentences;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() throws Exception {
      Progress progress = new Progress(System.out);
      SparkSession spark = SparkSessions.create("kiln tokenizer train", sparkOptions.master, sparkOptions.conf);
      try {
        Path model = SpmTrainer.train(spark, spark.read().parquet(in), vocabSize, modelType, out, seed, sample,
            maxSentences);
        progress.info("tokenizer " + model + " (use it as --tokenizer spm:" + model + ")");
      } finally {
        spark.stop();
      }
      return 0;
    }
  }
}

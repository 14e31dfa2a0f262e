package kiln.jobs.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kiln.filters.lm.KneserNeyEstimator;
import kiln.filters.lm.LmTokenizer;
import kiln.filters.spark.NgramCounts;
import kiln.jobs.run.Progress;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lm", mixinStandardHelpOptions = true, description = "N-gram language models for the perplexity filter.",
    subcommands = {LmCommand.Train.class})
final class LmCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Count n-grams of a documents dataset in Spark and write an interpolated modified "
          + "Kneser-Ney model (Chen & Goodman 1998) as ARPA, for the perplexity filter.")
  static final class Train implements Callable<Integer> {
    @Option(names = "--in", required = true, description = "Documents (Parquet).")
    String in;

    @Option(names = "--order", defaultValue = "5", description = "N-gram order (default ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--out", required = true, description = "Output ARPA file.")
    Path out;

    @Option(names = "--tokenizer", defaultValue = LmTokenizer.WHITESPACE,
        description = "whitespace or spm:builtin:NAME / spm:PATH.model; use the same in the filter "
            + "(default ${DEFAULT-VALUE}).")
    String tokenizer;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() throws Exception {
      if (order < 1 || order > 9) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "--order: must be 1..9, got " + order);
      }
      try {
        LmTokenizer.open(tokenizer);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "--tokenizer: " + e.getMessage());
      }
      Progress progress = new Progress(System.out);
      SparkSession spark = SparkSessions.create("kiln lm train", sparkOptions.master, sparkOptions.conf);
      List<Map<String, Long>> counts;
      try {
        counts = NgramCounts.count(spark.read().parquet(in), order, tokenizer);
      } finally {
        spark.stop();
      }
      KneserNeyEstimator kn = new KneserNeyEstimator(counts);
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        kn.writeArpa(w);
      }
      StringBuilder sb = new StringBuilder("lm " + out + ": order " + order);
      for (int n = 1; n <= order; n++) {
        KneserNeyEstimator.Discounts d = kn.discounts(n);
        sb.append(String.format(java.util.Locale.ROOT, "; %d-grams %d (D1 %.4f, D2 %.4f, D3+ %.4f)", n,
            counts.get(n - 1).size(), d.d1(), d.d2(), d.d3plus()));
      }
      progress.info(sb.toString());
      return 0;
    }
  }
}

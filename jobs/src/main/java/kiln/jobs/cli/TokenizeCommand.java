package kiln.jobs.cli;

import static org.apache.spark.sql.functions.col;

import java.util.Locale;
import java.util.concurrent.Callable;
import kiln.core.Columns;
import kiln.core.fs.HadoopFiles;
import kiln.tokenize.Tokenizer;
import kiln.tokenize.Tokenizers;
import kiln.tokenize.spark.ShardFormat;
import kiln.tokenize.spark.ShardManifest;
import kiln.tokenize.spark.ShardOutput;
import kiln.tokenize.spark.ShardVerifier;
import kiln.tokenize.spark.TokenizeStage;
import kiln.jobs.run.Progress;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = "Tokenize documents into shards (Megatron .bin/.idx, datatrove .ds, or Parquet token arrays) "
        + "with manifest.json, documents in id order (docs/tokenize.md).")
final class TokenizeCommand implements Callable<Integer> {
  @Option(names = "--in", required = true, description = "Documents (Parquet), e.g. OUT/dedup/kept.")
  String in;

  @Option(names = "--out", required = true,
      description = "Output folder for shards and manifest.json: a local path or hdfs://, s3a://, file:// URI.")
  String out;

  @Option(names = "--tokenizer", defaultValue = Tokenizers.DEFAULT_SPEC,
      description = "spm:PATH.model | spm:builtin:kiln-demo | hf:PATH/tokenizer.json | tiktoken:cl100k_base "
          + "(default ${DEFAULT-VALUE}).")
  String tokenizer;

  @Option(names = "--format", defaultValue = "megatron", description = "megatron|datatrove|parquet.")
  String format;

  @Option(names = "--shard-tokens", defaultValue = "" + ShardOutput.DEFAULT_SHARD_TOKENS,
      description = "Shard size target in tokens (default ${DEFAULT-VALUE}).")
  long shardTokens;

  @Option(names = "--no-eod", description = "Do not append the end-of-document id.")
  boolean noEod;

  @Option(names = "--add-bos", description = "Prepend the beginning-of-sequence id.")
  boolean addBos;

  @Option(names = "--verify", description = "Check the written shards: sizes and sha256 against the manifest, "
      + "and a sample of documents decoded and re-encoded to the same ids.")
  boolean verify;

  @Mixin
  SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    ShardFormat fmt = ShardFormat.of(format);
    if (verify && !HadoopFiles.isLocal(out)) {
      throw new IllegalArgumentException("--verify reads local shard folders only; --out is " + out);
    }
    TokenizeStage stage = new TokenizeStage(tokenizer, !noEod, addBos); // opens the model: fails before Spark
    Progress progress = new Progress(System.out);
    SparkSession spark = SparkSessions.create("kiln tokenize", sparkOptions.master, sparkOptions.conf);
    try {
      progress.start("tokenize", in + " -> " + out + " (" + stage.tokenizerId() + ", " + fmt.value() + ")");
      long t0 = System.nanoTime();
      Dataset<Row> tokens = stage.apply(spark.read().parquet(in)).persist(StorageLevel.MEMORY_AND_DISK());
      ShardManifest m = ShardOutput.write(tokens.withColumn("_order", col(Columns.ID)), "_order", out, fmt,
          shardTokens, stage.tokenizerId(), stage.vocabSize());
      tokens.unpersist();
      progress.info(String.format(Locale.ROOT, "tokenize  %,d documents, %,d tokens, %d shard(s) in %.1f s",
          m.documents(), m.tokens(), m.shards().size(), (System.nanoTime() - t0) / 1e9));
      if (verify) {
        try (Tokenizer t = Tokenizers.open(tokenizer)) {
          ShardVerifier.Result r = ShardVerifier.verify(HadoopFiles.localPath(out), t, 0.05, 0);
          progress.info(String.format(Locale.ROOT,
              "verify    %d files, %,d documents sampled: %,d round trips equal, %,d differ%s",
              r.files(), r.sampled(), r.roundTripMatches(), r.roundTripMismatches(),
              r.problems().isEmpty() ? "" : "; problems: " + String.join("; ", r.problems())));
          if (!r.ok()) {
            return 1;
          }
        }
      }
    } finally {
      spark.stop();
    }
    return 0;
  }
}

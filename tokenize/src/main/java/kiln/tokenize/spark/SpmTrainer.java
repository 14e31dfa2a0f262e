package kiln.tokenize.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import kiln.core.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Trains a SentencePiece model on a deterministic sample of documents with the native {@code spm_train}
 * (Debian package {@code sentencepiece}; DJL has no trainer).
 *
 * <p>Sample: a document is kept when {@code pmod(xxhash64(seed, id), 2^20) < sampleFraction · 2^20} — a seeded
 * hash of its id, so the same documents are chosen on any cluster and partitioning. Kept documents are streamed
 * to the driver in id order ({@code toLocalIterator}, one partition at a time) and their non-blank lines written
 * to {@code OUT.train.txt} until {@code maxSentences} lines. spm_train then runs with
 * {@code --shuffle_input_sentence=false}, {@code --input_sentence_size=0} and relative paths (spm_train stores
 * its arguments in the model), so the model bytes depend only on the sample and the settings; with more than
 * one thread EM sums may be added in a different order, so {@link #DEFAULT_THREADS} is 1.
 */
public final class SpmTrainer {
  private SpmTrainer() {}

  public static final double DEFAULT_CHARACTER_COVERAGE = 0.9995;
  public static final int DEFAULT_THREADS = 1;
  public static final long DEFAULT_MAX_SENTENCES = 10_000_000;
  static final long HASH_BUCKETS = 1L << 20;

  /** Trains {@code OUT.model} and {@code OUT.vocab} ({@code outPrefix} = OUT); returns the model path. */
  public static Path train(SparkSession spark, Dataset<Row> docs, int vocabSize, String modelType, Path outPrefix,
                           long seed, double sampleFraction, long maxSentences) throws IOException {
    return train(docs, vocabSize, modelType, outPrefix, seed, sampleFraction, maxSentences, DEFAULT_THREADS);
  }

  public static Path train(Dataset<Row> docs, int vocabSize, String modelType, Path outPrefix, long seed,
                           double sampleFraction, long maxSentences, int threads) throws IOException {
    if (vocabSize < 8) {
      throw new IllegalArgumentException("vocabSize must be >= 8, got " + vocabSize);
    }
    if (!List.of("unigram", "bpe", "char", "word").contains(modelType)) {
      throw new IllegalArgumentException("modelType must be unigram|bpe|char|word, got " + modelType);
    }
    if (!(sampleFraction > 0 && sampleFraction <= 1)) {
      throw new IllegalArgumentException("sampleFraction must be in (0, 1], got " + sampleFraction);
    }
    if (maxSentences < 1 || threads < 1) {
      throw new IllegalArgumentException("maxSentences and threads must be >= 1");
    }
    String spmTrain = findSpmTrain();
    Path dir = outPrefix.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String name = outPrefix.getFileName().toString();
    Path sample = dir.resolve(name + ".train.txt");
    long lines = writeSample(docs, seed, sampleFraction, maxSentences, sample);
    if (lines == 0) {
      throw new IllegalArgumentException("the sample is empty: no document with text was selected (fraction "
          + sampleFraction + ")");
    }
    List<String> cmd = new ArrayList<>(List.of(spmTrain, "--input=" + sample.getFileName(),
        "--model_prefix=" + name, "--model_type=" + modelType, "--vocab_size=" + vocabSize,
        "--character_coverage=" + DEFAULT_CHARACTER_COVERAGE, "--byte_fallback=true",
        "--shuffle_input_sentence=false", "--input_sentence_size=0", "--max_sentence_length=16384",
        "--num_threads=" + threads, "--minloglevel=1"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("spm_train failed (" + String.join(" ", cmd) + "):\n" + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running spm_train", e);
    }
    return dir.resolve(name + ".model");
  }

  static String findSpmTrain() {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      Path p = Path.of(d, "spm_train");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException("spm_train not found on PATH: install the Debian package sentencepiece "
        + "(apt-get install -y sentencepiece)");
  }

  /** Writes the sampled documents' non-blank lines in id order; returns the number of lines. */
  static long writeSample(Dataset<Row> docs, long seed, double fraction, long maxLines, Path file)
      throws IOException {
    Column h = functions.pmod(functions.xxhash64(functions.lit(seed), functions.col(Columns.ID)),
        functions.lit(HASH_BUCKETS));
    Dataset<Row> kept = docs.where(h.lt(functions.lit((long) Math.ceil(fraction * HASH_BUCKETS))))
        .select(Columns.ID, Columns.TEXT).sort(Columns.ID);
    long lines = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      Iterator<Row> it = kept.toLocalIterator();
      while (it.hasNext() && lines < maxLines) {
        for (String line : it.next().getString(1).split("\n")) {
          if (!line.isBlank() && lines < maxLines) {
            w.write(line.strip());
            w.write('\n');
            lines++;
          }
        }
      }
    }
    return lines;
  }

  private static String tail(String log) {
    return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
  }
}

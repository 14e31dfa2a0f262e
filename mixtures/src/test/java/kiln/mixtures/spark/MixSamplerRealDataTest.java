package kiln.mixtures.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import kiln.core.Columns;
import kiln.core.SharedData;
import kiln.mixtures.Curriculum;
import kiln.mixtures.CurriculumLoader;
import kiln.mixtures.MixPlan;
import kiln.mixtures.MixPlanner;
import kiln.mixtures.SourceSize;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixture shares on real text from ../shared/data, tokenized to UTF-8 bytes (a byte-level tokenizer: ids 0-255),
 * one document per paragraph (Gutenberg novels, Brown corpus news, tagged) or sentence (State of the Union addresses
 * of the 1790s, stored one address per line).
 */
class MixSamplerRealDataTest {
  static SparkSession spark;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("MixSamplerRealDataTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<String> files(Path dir, String glob) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .sorted().forEach(p -> out.add(p.toString()));
    }
    return out;
  }

  static final String PARAGRAPHS = "\\r?\\n[ \\t]*\\r?\\n";
  static final String SENTENCES = "(?<=[.!?]) +";

  /** Pieces of {@code files} split at {@code regex} (1 to 3000 UTF-8 bytes) as tokens rows, in Parquet at {@code out}. */
  static void tokenize(String source, List<String> files, String regex, Path out) {
    UDF1<String, List<Integer>> bytes = text -> {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      List<Integer> ids = new ArrayList<>(b.length);
      for (byte x : b) {
        ids.add(x & 0xff);
      }
      return ids;
    };
    Dataset<Row> paragraphs = spark.read().option("wholetext", "true").text(files.toArray(String[]::new))
        .select(col("_metadata.file_name").as("file"), posexplode(split(col("value"), regex)))
        .withColumn("col", trim(col("col")))
        .filter(octet_length(col("col")).between(1, 3000));
    paragraphs.select(concat_ws(":", lit(source), col("file"), col("pos")).as(Columns.ID),
            lit(source).as(Columns.SOURCE),
            udf(bytes, DataTypes.createArrayType(DataTypes.IntegerType)).apply(col("col")).as(Columns.TOKENS))
        .withColumn(Columns.N_TOKENS, size(col(Columns.TOKENS)))
        .withColumn("text_bytes", col(Columns.N_TOKENS).cast("long"))
        .write().parquet(out.toString());
  }

  @Test
  void sharesOnRealTextAreWithinHalfAPoint() throws IOException {
    Optional<Path> books = SharedData.data("books/gutenberg");
    Optional<Path> sotu = SharedData.data("books/sotu");
    Optional<Path> brown = SharedData.data("text/brown-corpus");
    assumeTrue(books.isPresent() && sotu.isPresent() && brown.isPresent(),
        "needs ../shared/data/books/gutenberg, books/sotu, text/brown-corpus");
    tokenize("books", List.of(books.get().resolve("pg11.txt").toString(), books.get().resolve("pg84.txt").toString(),
        books.get().resolve("pg1342.txt").toString()), PARAGRAPHS, tmp.resolve("books"));
    tokenize("speeches", files(sotu.get(), "17*.txt"), SENTENCES, tmp.resolve("speeches"));
    tokenize("news", files(brown.get(), "ca*"), PARAGRAPHS, tmp.resolve("news"));
    Path f = tmp.resolve("real.yaml");
    Files.writeString(f, """
        seed: 11
        sources:
          books: {paths: [books]}
          speeches: {paths: [speeches], max_epochs: 3}
          news: {paths: [news]}
        phases:
          - name: main
            tokens: 600K
            weights: {books: 0.6, speeches: 0.1, news: 0.3}
          - name: anneal
            tokens: 400K
            weights: {books: 0.3, speeches: 0.4, news: 0.3}
        """);
    Curriculum c = CurriculumLoader.load(f);
    Map<String, Dataset<Row>> sources = MixSources.resolve(spark, c, null);
    Map<String, SourceSize> sizes = MixSampler.measure(sources);
    MixPlan plan = MixPlanner.plan(c, sizes);
    for (MixPlan.Phase phase : plan.phases()) {
      PhaseReport report = PhaseReport.compute(phase, MixSampler.selectPhase(spark, phase, sources));
      for (MixPlan.Take t : phase.takes()) {
        assertEquals(t.weight(), report.achievedShare(t.source()), 0.005,
            phase.name() + "/" + t.source() + "\n" + plan.toText() + report.toText());
        assertEquals(t.epochsTouched(), report.source(t.source()).epochsUsed(), phase.name() + "/" + t.source());
      }
    }
    // the 1790s addresses hold about 128K tokens, fewer than the 160K asked for, so the anneal phase repeats them
    MixPlan.Take speeches = plan.phases().get(1).take("speeches");
    assertTrue(speeches.fullEpochs() >= 1, plan.toText());
  }
}

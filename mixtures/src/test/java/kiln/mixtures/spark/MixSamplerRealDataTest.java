package kiln.mixtures.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_replace;
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
 * Mixture shares on real text from ../shared/data, tokenized to UTF-8 bytes (a byte-level tokenizer: ids 0-255):
 * small documents (one per paragraph of Gutenberg novels and Brown corpus news, or per sentence of the 1790s
 * State of the Union addresses) and page-sized ones (whole addresses, whole web articles, Gutenberg chapters).
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
    tokenize(source, files, regex, 3000, false, out);
  }

  /**
   * Pieces of {@code files} split at {@code regex}, of 1 to {@code maxBytes} UTF-8 bytes, HTML tags removed first
   * if {@code html}, as tokens rows (id = source:path:piece) in Parquet at {@code out}.
   */
  static void tokenize(String source, List<String> files, String regex, int maxBytes, boolean html, Path out) {
    UDF1<String, List<Integer>> bytes = text -> {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      List<Integer> ids = new ArrayList<>(b.length);
      for (byte x : b) {
        ids.add(x & 0xff);
      }
      return ids;
    };
    Dataset<Row> paragraphs = spark.read().option("wholetext", "true").text(files.toArray(String[]::new))
        .select(col("_metadata.file_path").as("file"),
            posexplode(split(html ? regexp_replace(col("value"), "<[^>]*>", " ") : col("value"), regex)))
        .withColumn("col", trim(col("col")))
        .filter(octet_length(col("col")).between(1, maxBytes));
    paragraphs.select(concat_ws(":", lit(source), col("file"), col("pos")).as(Columns.ID),
            lit(source).as(Columns.SOURCE),
            udf(bytes, DataTypes.createArrayType(DataTypes.IntegerType)).apply(col("col")).as(Columns.TOKENS))
        .withColumn(Columns.N_TOKENS, size(col(Columns.TOKENS)))
        .withColumn("text_bytes", col(Columns.N_TOKENS).cast("long"))
        .write().parquet(out.toString());
  }

  @Test
  void sharesOnRealTextAreExact() throws IOException {
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
      assertEquals(phase.budget(), report.achievedTokens(), plan.toText() + report.toText());
      for (MixPlan.Take t : phase.takes()) {
        assertEquals(t.weight(), report.achievedShare(t.source()), 0.001,
            phase.name() + "/" + t.source() + "\n" + plan.toText() + report.toText());
        assertEquals(t.requestedTokens(), report.source(t.source()).achievedTokens(), phase.name() + "/" + t.source());
        assertEquals(t.epochsTouched(), report.source(t.source()).epochsUsed(), phase.name() + "/" + t.source());
      }
    }
    // the 1790s addresses hold about 128K tokens, fewer than the 160K asked for, so the anneal phase repeats them
    MixPlan.Take speeches = plan.phases().get(1).take("speeches");
    assertTrue(speeches.fullEpochs() >= 1, plan.toText());
  }

  static final String NEVER = "(?!)";

  /**
   * Page-sized documents, where whole-document sampling misses a budget by up to half a page: whole State of the
   * Union addresses (tens of thousands of tokens), whole web articles and Gutenberg chapters. Every source fills its
   * request to the token with one partial document, the shares are within 0.1 pt, the selection does not depend on
   * partitioning, and a source that runs out is named with its shortfall in the plan and the report.
   */
  @Test
  void pageSizedDocumentsFillEveryRequestToTheToken() throws IOException {
    Optional<Path> books = SharedData.data("books/gutenberg");
    Optional<Path> sotu = SharedData.data("books/sotu");
    Optional<Path> web = SharedData.data("web/html/mozilla-readability-testpages/test/test-pages");
    assumeTrue(books.isPresent() && sotu.isPresent() && web.isPresent(),
        "needs ../shared/data/books/gutenberg, books/sotu, web/html/mozilla-readability-testpages");
    List<String> pages = new ArrayList<>();
    try (Stream<Path> s = Files.list(web.get())) {
      s.map(d -> d.resolve("expected.html")).filter(Files::isRegularFile).sorted()
          .forEach(p -> pages.add(p.toString()));
    }
    Path dir = tmp.resolve("pages");
    tokenize("speeches", files(sotu.get(), "18*.txt"), NEVER, 1 << 20, false, dir.resolve("speeches"));
    tokenize("web", pages, NEVER, 1 << 20, true, dir.resolve("web"));
    tokenize("books", List.of(books.get().resolve("pg1342.txt").toString(), books.get().resolve("pg84.txt").toString()),
        "(?=\\n(CHAPTER|Chapter|Letter) )", 1 << 20, false, dir.resolve("books"));
    Path f = dir.resolve("pages.yaml");
    Files.writeString(f, """
        seed: 2024
        allow_short: true
        sources:
          web: {paths: [web], max_epochs: 2}
          speeches: {paths: [speeches]}
          books: {paths: [books]}
        phases:
          - name: main
            tokens: 1M
            weights: {web: 0.3, speeches: 0.5, books: 0.2}
          - name: web_heavy
            tokens: 4M
            weights: {web: 0.9, speeches: 0.05, books: 0.05}
        """);
    Curriculum c = CurriculumLoader.load(f);
    Map<String, Dataset<Row>> sources = MixSources.resolve(spark, c, null);
    Map<String, SourceSize> sizes = MixSampler.measure(sources);
    MixPlan plan = MixPlanner.plan(c, sizes);
    MixPlan.Phase main = plan.phases().get(0);
    List<Row> mainRows = MixSampler.selectPhase(spark, main, sources).orderBy(col(MixSampler.ORDER), col(Columns.ID))
        .collectAsList();
    PhaseReport report = PhaseReport.compute(main, spark.createDataFrame(mainRows, mainRows.get(0).schema()));
    String why = plan.toText() + report.toText();
    assertEquals(1_000_000, report.achievedTokens(), why);
    assertEquals(0, report.shortTokens(), why);
    long longest = 0;
    for (MixPlan.Take t : main.takes()) {
      assertEquals(t.requestedTokens(), report.source(t.source()).achievedTokens(), why);
      assertEquals(t.weight(), report.achievedShare(t.source()), 0.001, why);
      assertTrue(report.source(t.source()).partial() != null, why);
      longest = Math.max(longest, sources.get(t.source()).agg(org.apache.spark.sql.functions.max(Columns.N_TOKENS))
          .first().getInt(0));
    }
    // documents are big enough that whole-document sampling could miss by more than 0.1 pt (1,000 of 1M tokens):
    // half the longest document is more than that
    assertTrue(longest / 2 > 1_000, "longest document " + longest);

    // the same selection from 5 files per source and 7 shuffle partitions
    Map<String, Dataset<Row>> repartitioned = new java.util.TreeMap<>();
    for (String s : List.of("web", "speeches", "books")) {
      spark.read().parquet(dir.resolve(s).toString()).repartition(5).write().parquet(dir.resolve("p5").resolve(s).toString());
      repartitioned.put(s, spark.read().parquet(dir.resolve("p5").resolve(s).toString()));
    }
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", "7");
    try {
      List<Row> again = MixSampler.selectPhase(spark, main, repartitioned)
          .orderBy(col(MixSampler.ORDER), col(Columns.ID)).collectAsList();
      assertEquals(mainRows, again);
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }

    // web_heavy: web at 0.9 of 4M needs more than its 2 allowed passes; it runs short and says so
    MixPlan.Phase heavy = plan.phases().get(1);
    MixPlan.Take webTake = heavy.take("web");
    long webTokens = sizes.get("web").tokens();
    assertEquals(3_600_000 - 2 * webTokens, webTake.shortTokens(), plan.toText());
    String reason = "source 'web' is short by " + webTake.shortTokens() + " tokens: needs "
        + String.format(java.util.Locale.ROOT, "%.2f", 3_600_000.0 / webTokens) + " epochs of its " + webTokens
        + " tokens, max_epochs 2";
    assertTrue(plan.toText().contains(reason), plan.toText());
    PhaseReport heavyReport = PhaseReport.compute(heavy, MixSampler.selectPhase(spark, heavy, sources));
    assertEquals(4_000_000 - webTake.shortTokens(), heavyReport.achievedTokens(), heavyReport.toText());
    assertEquals(2 * webTokens, heavyReport.source("web").achievedTokens());
    assertEquals(reason, heavyReport.toJson().get("sources").get("web").get("short_reason").asText());
    assertEquals(200_000, heavyReport.source("speeches").achievedTokens());
  }
}

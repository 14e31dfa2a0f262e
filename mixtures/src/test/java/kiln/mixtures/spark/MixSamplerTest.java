package kiln.mixtures.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.core.config.ConfigException;
import kiln.mixtures.Curriculum;
import kiln.mixtures.CurriculumLoader;
import kiln.mixtures.DocHash;
import kiln.mixtures.MixPlan;
import kiln.mixtures.MixPlanner;
import kiln.mixtures.SourceSize;
import kiln.tokenize.spark.ShardFormat;
import kiln.tokenize.spark.ShardOutput;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic tokens datasets, generated deterministically: web (many short docs), code, books (few long docs). */
class MixSamplerTest {
  static SparkSession spark;
  @TempDir static Path tmp;

  static final StructType SCHEMA = StructType.fromDDL(Columns.TOKENS_DDL).add("quality_score", DataTypes.DoubleType);

  static final String CURRICULUM = """
      seed: 20240601
      sources:
        web: {paths: [web]}
        code: {paths: [code], max_epochs: 2}
        books: {paths: [books], where: "quality_score >= 0.25"}
      phases:
        - name: main
          tokens: 400K
          weights: {web: 0.75, code: 0.15, books: 0.10}
        - name: anneal
          tokens: 200K
          weights: {web: 0.4, code: 0.4, books: 0.2}
      """;

  /** The same generated sources written as Parquet with 2 and with 5 files per source. */
  static Curriculum twoFiles;
  static Curriculum fiveFiles;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkSession.builder().master("local[2]").appName("MixSamplerTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    twoFiles = writeAndLoad(tmp.resolve("p2"), 2);
    fiveFiles = writeAndLoad(tmp.resolve("p5"), 5);
  }

  /** The sources of {@link #twoFiles} as written, unfiltered. */
  static Map<String, Dataset<Row>> written() {
    Map<String, Dataset<Row>> m = new TreeMap<>();
    for (String s : List.of("web", "code", "books")) {
      m.put(s, spark.read().parquet(tmp.resolve("p2").resolve(s).toString()));
    }
    return m;
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** {@code count} docs with n_tokens = min + (i × step mod span); token ids are arbitrary but fixed. */
  static Dataset<Row> synthetic(String source, int count, int min, int span, int step) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = min + (int) ((long) i * step % span);
      List<Integer> tokens = new ArrayList<>(n);
      for (int t = 0; t < n; t++) {
        tokens.add((i * 31 + t) % 50_000);
      }
      double quality = (i % 8) / 8.0; // 0, .125, ..., .875: the books filter keeps i mod 8 >= 2
      rows.add(RowFactory.create(source + "-" + i, source, tokens, n, 4L * n, quality));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  static Map<String, Dataset<Row>> generated() {
    Map<String, Dataset<Row>> m = new TreeMap<>();
    m.put("web", synthetic("web", 3000, 20, 381, 7919)); // 20..400 tokens
    m.put("code", synthetic("code", 400, 30, 271, 104_729)); // 30..300
    m.put("books", synthetic("books", 80, 500, 500, 31)); // 500..999
    return m;
  }

  /** Writes each source as Parquet with {@code parts} files and loads the curriculum pointing at them. */
  static Curriculum writeAndLoad(Path dir, int parts) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, Dataset<Row>> e : generated().entrySet()) {
      e.getValue().repartition(parts).write().parquet(dir.resolve(e.getKey()).toString());
    }
    Path f = dir.resolve("curriculum.yaml");
    Files.writeString(f, CURRICULUM);
    return CurriculumLoader.load(f);
  }

  @Test
  void achievedSharesAreWithinHalfAPointAndEpochsAreReported() throws IOException {
    Curriculum c = twoFiles;
    Map<String, Dataset<Row>> sources = MixSources.resolve(spark, c, null);
    Map<String, SourceSize> sizes = MixSampler.measure(sources);
    // books keeps quality i mod 8 >= 2: 60 of 80 docs
    assertEquals(60, sizes.get("books").docs());
    assertEquals(400, sizes.get("code").docs());
    MixPlan plan = MixPlanner.plan(c, sizes);
    Map<String, PhaseReport> reports = new TreeMap<>();
    for (MixPlan.Phase phase : plan.phases()) {
      Dataset<Row> selected = MixSampler.selectPhase(spark, phase, sources).cache();
      PhaseReport report = PhaseReport.compute(phase, selected);
      reports.put(phase.name(), report);
      for (MixPlan.Take t : phase.takes()) {
        double share = report.achievedShare(t.source());
        assertEquals(t.weight(), share, 0.005, phase.name() + "/" + t.source() + " share\n" + report.toText());
        // the midpoint rule misses the request by at most half the longest document (999 tokens for books)
        long miss = Math.abs(report.source(t.source()).achievedTokens() - t.requestedTokens());
        assertTrue(miss <= 500, phase.name() + "/" + t.source() + " missed by " + miss);
      }
      // without replacement inside an epoch: (source, id, epoch) is unique
      assertEquals(selected.count(), selected.select(Columns.SOURCE, Columns.ID, MixSampler.EPOCH).distinct().count());
      selected.unpersist();
    }
    // anneal: code 80,000 requested of its size → more than one pass; its epochs are reported
    MixPlan.Take code = plan.phases().get(1).take("code");
    assertEquals(80_000, code.requestedTokens());
    assertEquals(1, code.fullEpochs());
    PhaseReport r = reports.get("anneal");
    PhaseReport.SourceReport codeReport = r.source("code");
    assertEquals(2, codeReport.epochsUsed());
    assertEquals(400, codeReport.documents()); // the full first pass takes every document
    assertEquals((double) codeReport.achievedTokens() / sizes.get("code").tokens(), codeReport.epochs(), 1e-12);
    assertTrue(codeReport.epochs() > 1.0 && codeReport.epochs() < 2.0, "epochs " + codeReport.epochs());
    assertEquals(80_000, r.toJson().get("sources").get("code").get("requested_tokens").asLong());
  }

  @Test
  void partialEpochIsExactlyTheMidpointPrefixOfTheHashOrder() {
    Map<String, Dataset<Row>> sources = written();
    MixPlan.Take take = new MixPlan.Take("code", 1.0, 12_345, measureCode(sources), 400, 1);
    MixPlan.Phase phase = new MixPlan.Phase("p", 0, 99, 12_345, List.of(take));
    Set<String> got = new HashSet<>();
    for (Row r : MixSampler.selectPhase(spark, phase, sources).collectAsList()) {
      got.add(r.getString(0));
    }
    // reference in plain Java: rank by hash then id, keep while prefix + n/2 < 12,345
    List<Row> docs = new ArrayList<>(sources.get("code").collectAsList());
    docs.sort(Comparator.<Row>comparingLong(d -> DocHash.select(99, "p", "code", d.getString(0), 0))
        .thenComparing(d -> d.getString(0)));
    Set<String> want = new HashSet<>();
    long prefix = 0;
    for (Row d : docs) {
      int n = d.getInt(3);
      if (2 * prefix + n < 2 * 12_345L) {
        want.add(d.getString(0));
      }
      prefix += n;
    }
    assertEquals(want, got);
  }

  private static long measureCode(Map<String, Dataset<Row>> sources) {
    return MixSampler.measure(Map.of("code", sources.get("code"))).get("code").tokens();
  }

  @Test
  void partitionCountDoesNotChangeTheSelectionItsOrderOrTheShards() throws IOException {
    List<String> two = run(twoFiles, "4", tmp.resolve("shards2"));
    List<String> five = run(fiveFiles, "7", tmp.resolve("shards5"));
    assertTrue(two.size() > 1000, "rows " + two.size());
    assertEquals(two, five);
    // Megatron shards of the anneal phase, written by the tokenize stage's writer: byte-identical
    List<String> names = new ArrayList<>();
    try (var files = Files.list(tmp.resolve("shards2"))) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".bin") || n.endsWith(".idx"))
          .sorted().forEach(names::add);
    }
    assertTrue(names.size() >= 4, "shard files " + names); // 200K tokens in 50K-token shards
    for (String n : names) {
      assertTrue(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("shards2").resolve(n)),
          Files.readAllBytes(tmp.resolve("shards5").resolve(n))), n);
    }
  }

  /**
   * Every selected row of every phase, sorted by (phase, order, id), as text including the tokens; the anneal
   * phase is also written as Megatron shards to {@code shards}.
   */
  private static List<String> run(Curriculum c, String shufflePartitions, Path shards) throws IOException {
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    try {
      Map<String, Dataset<Row>> sources = MixSources.resolve(spark, c, null);
      MixPlan plan = MixPlanner.plan(c, MixSampler.measure(sources));
      List<String> out = new ArrayList<>();
      for (MixPlan.Phase p : plan.phases()) {
        Dataset<Row> selected = MixSampler.selectPhase(spark, p, sources).cache();
        for (Row r : selected.orderBy(col(MixSampler.ORDER), col(Columns.ID)).collectAsList()) {
          out.add(p.name() + " " + r.getLong(6) + " " + r.getString(0) + " " + r.getString(1) + " " + r.getInt(5)
              + " " + r.getInt(3) + " " + r.getList(2).hashCode() + " " + r.getLong(4));
        }
        if (p.name().equals("anneal")) {
          ShardOutput.write(selected, MixSampler.ORDER, shards, ShardFormat.MEGATRON, 50_000, "synthetic", 50_000);
        }
        selected.unpersist();
      }
      return out;
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
  }

  @Test
  void selectSourcesFilterTheUpstreamDataset() {
    Dataset<Row> upstream = written().values().stream().reduce(Dataset::unionByName).orElseThrow();
    Curriculum c = CurriculumLoader.parse("""
        seed: 5
        sources:
          web: {select: {source: web}}
          good_books: {select: {source: books}, where: "quality_score >= 0.5"}
        phases:
          - {name: only, tokens: 20K, weights: {web: 0.5, good_books: 0.5}}
        """, "pipeline.yaml", tmp);
    Map<String, Dataset<Row>> sources = MixSources.resolve(spark, c, upstream);
    Map<String, SourceSize> sizes = MixSampler.measure(sources);
    assertEquals(3000, sizes.get("web").docs());
    // quality >= 0.5 keeps i mod 8 in {4..7}: 40 of 80 books
    assertEquals(40, sizes.get("good_books").docs());
    MixPlan.Phase phase = MixPlanner.plan(c, sizes).phases().get(0);
    List<Row> rows = MixSampler.selectPhase(spark, phase, sources).collectAsList();
    Map<String, Long> bySource = new HashMap<>();
    for (Row r : rows) {
      bySource.merge(r.getString(1), 1L, Long::sum);
      assertTrue(r.getString(0).startsWith(r.getString(1).equals("web") ? "web-" : "books-"), r.getString(0));
    }
    assertEquals(Set.of("web", "good_books"), bySource.keySet());
  }

  @Test
  void unknownColumnInWhereNamesTheKey() {
    Curriculum c = CurriculumLoader.parse("""
        seed: 5
        sources:
          web: {select: {source: web}, where: "perplexity < 30"}
        phases:
          - {name: only, tokens: 20K, weights: {web: 1}}
        """, "pipeline.yaml", tmp);
    ConfigException e = assertThrows(ConfigException.class,
        () -> MixSources.resolve(spark, c, written().get("web")));
    assertEquals("sources.web.where", e.key());
    assertTrue(e.getMessage().contains("column 'perplexity' is not in the dataset"), e.getMessage());
  }

  @Test
  void selectWithoutUpstreamNamesTheKey() {
    Curriculum c = CurriculumLoader.parse("""
        seed: 5
        sources:
          web: {select: {source: web}}
        phases:
          - {name: only, tokens: 20K, weights: {web: 1}}
        """, "pipeline.yaml", tmp);
    ConfigException e = assertThrows(ConfigException.class, () -> MixSources.resolve(spark, c, null));
    assertEquals("sources.web.select", e.key());
  }

  @Test
  void sourceBeyondMaxEpochsIsShortBeforeSampling() throws IOException {
    Path dir = tmp.resolve("p2");
    Curriculum ok = twoFiles;
    Path f = dir.resolve("short.yaml");
    // code at 0.7 of 200K = 140,000 tokens, more than 2 passes over code's ~66K tokens
    Files.writeString(f, CURRICULUM.replace("{web: 0.4, code: 0.4, books: 0.2}", "{web: 0.1, code: 0.7, books: 0.2}"));
    Curriculum c = CurriculumLoader.load(f);
    Map<String, SourceSize> sizes = MixSampler.measure(MixSources.resolve(spark, ok, null));
    long codeTokens = sizes.get("code").tokens();
    ConfigException e = assertThrows(ConfigException.class, () -> MixPlanner.plan(c, sizes));
    assertEquals("phases[1].weights.code", e.key());
    assertTrue(e.getMessage().contains("source 'code' is short by " + (140_000 - 2 * codeTokens)
        + " tokens in phase 'anneal'"), e.getMessage());
  }

  @Test
  void mixJobWritesShardsReportAndBlendPerPhase() throws IOException {
    for (boolean perSource : new boolean[] {false, true}) {
      Path f = tmp.resolve("p2").resolve("job-" + perSource + ".yaml");
      Files.writeString(f, """
          seed: 3
          output: {format: megatron, shard_size: 4K, per_source_shards: %s}
          sources:
            web: {paths: [web]}
            code: {paths: [code]}
          phases:
            - {name: small, tokens: 10K, weights: {web: 0.6, code: 0.4}}
          """.formatted(perSource));
      Path out = tmp.resolve("job-" + perSource);
      MixJob.Planned planned = MixJob.plan(spark, CurriculumLoader.load(f), null);
      PhaseReport report = MixJob.write(spark, planned, out, "synthetic", 50_000).get(0);
      assertTrue(Files.readString(out.resolve(MixJob.PLAN_FILE)).contains("phase 1 'small'"));
      com.fasterxml.jackson.databind.JsonNode mixture =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("small").resolve(MixJob.MIXTURE_FILE).toFile());
      // 10K × 0.6
      assertEquals(6_000, mixture.get("sources").get("web").get("requested_tokens").asLong());
      assertEquals(report.achievedTokens(), mixture.get("achieved_tokens").asLong());
      String blend = Files.readString(out.resolve("small").resolve(MixJob.BLEND_FILE)).trim();
      assertEquals(blend, mixture.get("data_path").asText());
      String[] parts = blend.split(" ");
      double web = 0;
      double all = 0;
      long shardTokens = 0;
      for (int i = 0; i < parts.length; i += 2) {
        double w = Double.parseDouble(parts[i]);
        all += w;
        web += parts[i + 1].contains("/web/") ? w : 0;
        assertTrue(Files.exists(Path.of(parts[i + 1] + ".bin")) && Files.exists(Path.of(parts[i + 1] + ".idx")),
            parts[i + 1]);
      }
      assertEquals(1.0, all, 1e-6);
      if (perSource) {
        // each source has its own shard set, so the blend weights carry the mixture: web's achieved share
        assertEquals(report.achievedShare("web"), web, 1e-6);
        for (String s : List.of("web", "code")) {
          shardTokens += kiln.tokenize.spark.ShardManifest.read(out.resolve("small").resolve(s).resolve("manifest.json"))
              .tokens();
        }
      } else {
        shardTokens = kiln.tokenize.spark.ShardManifest.read(out.resolve("small").resolve("manifest.json")).tokens();
      }
      assertEquals(report.achievedTokens(), shardTokens);
    }
  }
}

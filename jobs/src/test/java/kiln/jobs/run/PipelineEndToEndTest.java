package kiln.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.core.stats.StageStats;
import kiln.jobs.export.JsonlExporter;
import kiln.jobs.report.ReportWriter;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny pipeline through every stage on local Spark: text files in, Megatron shards out. Checks the
 * stage contract per stage, the manifest against the shard bytes, resume, and run-to-run determinism.
 */
class PipelineEndToEndTest {
  static SparkSession spark;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("e2e")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Twelve distinct paragraphs of made-up prose, one short note, and one exact duplicate. */
  static Path writeInputs() throws IOException {
    Path in = Files.createDirectories(dir.resolve("texts"));
    String[] topics = {"rivers", "glaciers", "deserts", "forests", "harbours", "bridges", "orchards",
        "markets", "libraries", "lighthouses", "railways", "vineyards"};
    for (int i = 0; i < topics.length; i++) {
      StringBuilder sb = new StringBuilder();
      for (int s = 0; s < 12; s++) {
        sb.append(String.format(Locale.ROOT,
            "Sentence %d about %s: the %s of the valley changed slowly over %d seasons, and people noted it. ",
            s, topics[i], topics[i], i * 7 + s));
      }
      Files.writeString(in.resolve(String.format("doc%02d.txt", i)), sb.toString());
    }
    Files.writeString(in.resolve("short.txt"), "Too short.");
    Files.copy(in.resolve("doc03.txt"), in.resolve("zz-copy-of-doc03.txt"));
    return in;
  }

  static Pipeline pipeline(Path inputs) throws IOException {
    Path yaml = dir.resolve("pipeline.yaml");
    Files.writeString(yaml, """
        name: e2e
        inputs:
          - {format: text, source: notes, paths: [texts]}
        stages:
          - filter:
              filters:
                - length: {min_chars: 100}
          - dedup: {exact: true}
          - tokenize: {tokenizer: "spm:builtin:kiln-demo"}
          - mix:
              seed: 7
              sources:
                notes: {select: {source: notes}, max_epochs: 2}
              phases:
                - {name: only, tokens: 3000, weights: {notes: 1.0}}
              output: {format: megatron, shard_size: 1000}
        """);
    return Pipeline.load(yaml);
  }

  @Test
  void tinyPipelineRunsEveryStageAndIsDeterministic() throws Exception {
    Path inputs = writeInputs();
    Pipeline p = pipeline(inputs);
    Progress progress = new Progress(System.out);
    String out1 = dir.resolve("run1").toString();
    PipelineRunner.Result r1 = PipelineRunner.run(spark, p, out1, progress);

    List<String> names = r1.stages().stream().map(StageStats::stage).toList();
    assertEquals(List.of("ingest", "filter", "dedup", "tokenize", "mix"), names);
    for (StageStats s : r1.stages()) {
      assertEquals(s.docsIn(), s.docsKept() + s.docsRejected(), s.stage());
    }
    StageStats filter = r1.stages().get(1);
    assertEquals(14, filter.docsIn());
    assertEquals(1, filter.reasons().get("length:min_chars"));
    StageStats dedup = r1.stages().get(2);
    assertEquals(1, dedup.reasons().get("dedup:exact"));
    assertEquals(12, dedup.docsKept());

    // The manifest's token counts agree with the index files, read independently of the writer.
    Path shards = Path.of(out1, "shards");
    JsonNode manifest = JSON.readTree(shards.resolve("manifest.json").toFile());
    long total = 0;
    for (JsonNode shard : manifest.get("shards")) {
      Path idx = shards.resolve(shard.get("name").asText() + "_text_document.idx");
      long[] counts = MegatronIndex.documentsAndTokens(idx);
      assertEquals(shard.get("documents").asLong(), counts[0]);
      assertEquals(shard.get("tokens").asLong(), counts[1]);
      total += counts[1];
    }
    assertEquals(manifest.get("tokens").asLong(), total);
    // token-exact mixing: the phase holds its budget to the token, the last document cut at the boundary
    assertEquals(3000, total);
    JsonNode mix = JSON.readTree(shards.resolve("mix_report.json").toFile()).get("phases").get(0);
    assertEquals(3000, mix.get("achieved_tokens").asLong());
    assertEquals(0, mix.get("short_tokens").asLong());
    JsonNode notes = mix.get("sources").get("notes");
    assertEquals(1.0, notes.get("achieved_share").asDouble(), 1e-12);

    // Stage outputs export as JSON lines with every column.
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    long rows = JsonlExporter.export(spark, out1 + "/dedup/rejected", bos, -1);
    assertEquals(1, rows);
    JsonNode dup = JSON.readTree(bos.toString(StandardCharsets.UTF_8).strip());
    assertEquals("dedup:exact", dup.get("reason").asText());
    assertTrue(dup.get("meta").has("cluster_id"));
    for (String column : List.of("id", "source", "kind", "url", "text", "lang", "meta", "reason")) {
      assertTrue(dup.has(column), "export line lacks column " + column + ": " + dup);
    }

    // Report renders.
    String report = ReportWriter.write(spark, out1);
    assertTrue(Files.readString(Path.of(java.net.URI.create(report))).contains("dedup:exact"));

    // Resume: a second run into the same folder skips every stage.
    PipelineRunner.Result again = PipelineRunner.run(spark, p, out1, progress);
    assertEquals(names, again.skipped());

    // Determinism: a fresh run with other partitioning gives the same shard bytes.
    spark.conf().set("spark.sql.shuffle.partitions", "7");
    String out2 = dir.resolve("run2").toString();
    PipelineRunner.run(spark, p, out2, progress);
    assertEquals(shardHashes(Path.of(out1, "shards")), shardHashes(Path.of(out2, "shards")));
  }

  static List<String> shardHashes(Path shards) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(shards)) {
      for (Path f : s.filter(f -> f.toString().endsWith(".bin") || f.toString().endsWith(".idx")).sorted().toList()) {
        out.add(f.getFileName() + " " + org.apache.commons.codec.digest.DigestUtils.sha256Hex(Files.readAllBytes(f)));
      }
    }
    return out;
  }
}

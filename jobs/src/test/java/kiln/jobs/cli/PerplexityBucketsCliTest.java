package kiln.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.SharedData;
import kiln.core.spark.DocumentSchema;
import kiln.core.stats.StageStats;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln lm train} then {@code kiln filter} with perplexity buckets, as a user runs them: the per-language
 * cut-offs computed by the stage's first pass are in {@code _stats.json} ({@code extra.cutoffs}), the tail is in
 * {@code rejected/} with its reason, and in = kept + rejected.
 */
class PerplexityBucketsCliTest {

  @Test
  @SuppressWarnings("unchecked")
  void cutoffsGoToStats(@TempDir Path dir) throws Exception {
    Path sotu = SharedData.data("books/sotu").orElse(null);
    Assumptions.assumeTrue(sotu != null && Files.isDirectory(sotu), "needs $KILN_SHARED/data/books/sotu");
    List<Path> files;
    try (Stream<Path> s = Files.list(sotu)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    List<Row> train = new ArrayList<>();
    for (Path f : files.subList(0, 40)) {
      train.add(DocumentSchema.toRow(new Document(f.getFileName().toString(), "sotu", Document.Kind.BOOK, null,
          Files.readString(f, StandardCharsets.UTF_8), "en", Map.of())));
    }
    List<Row> sentences = new ArrayList<>();
    for (Path f : files.subList(200, 215)) {
      String[] s = Files.readString(f, StandardCharsets.UTF_8).split("(?<=[.?!]) +");
      for (int i = 0; i < s.length; i++) {
        if (!s[i].isBlank()) {
          sentences.add(DocumentSchema.toRow(new Document(Document.idFor(f.getFileName().toString(), "" + i), "sotu",
              Document.Kind.TEXT, null, s[i], "en", Map.of())));
        }
      }
    }
    SparkSession spark = SparkSession.builder().master("local[2]").appName("PerplexityBucketsCliTest")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      spark.createDataFrame(train, DocumentSchema.DOCUMENT).repartition(2).write().parquet(dir.resolve("train").toString());
      spark.createDataFrame(sentences, DocumentSchema.DOCUMENT).repartition(3).write().parquet(dir.resolve("in").toString());
    } finally {
      spark.stop();
    }
    assertEquals(0, KilnCli.execute("lm", "train", "--in", dir.resolve("train").toString(), "--order", "3",
        "--out", dir.resolve("sotu.arpa").toString(), "--master", "local[2]"));
    Path cfg = dir.resolve("filter.yaml");
    Files.writeString(cfg, "filters:\n  - perplexity: {model: sotu.arpa, buckets: [head, middle, tail], "
        + "keep_buckets: [head, middle]}\n");
    assertEquals(0, KilnCli.execute("filter", "--in", dir.resolve("in").toString(), "--out",
        dir.resolve("out").toString(), "--config", cfg.toString(), "--master", "local[2]"));

    StageStats st = StageStats.fromJson(Files.readString(dir.resolve("out/_stats.json")));
    int n = sentences.size();
    assertEquals(n, st.docsIn());
    Map<String, Object> en = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        st.extra().get("cutoffs")).get("perplexity")).get("en");
    assertEquals(n, ((Number) en.get("docs_ranked")).intValue(), "every sentence has words");
    Map<String, Object> docs = (Map<String, Object>) en.get("docs");
    long tail = ((Number) docs.get("tail")).longValue();
    assertEquals(Map.of("perplexity:bucket_tail", tail), st.reasons());
    assertEquals(n - tail, st.docsKept());
    assertEquals(Math.round(n / 3.0), ((Number) docs.get("head")).longValue());
    Map<String, Object> cut = (Map<String, Object>) en.get("cutoff_perplexity");
    assertTrue(((Number) cut.get("head")).doubleValue() < ((Number) cut.get("middle")).doubleValue(), cut.toString());
  }
}

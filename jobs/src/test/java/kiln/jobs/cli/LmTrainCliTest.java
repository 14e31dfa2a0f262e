package kiln.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.filters.PerplexityFilter;
import kiln.filters.lm.SentenceScore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln lm train} on real text (State of the Union addresses, SentencePiece pre-tokenisation), then the
 * trained ARPA model in the {@code perplexity} filter: held-out paragraphs score a lower perplexity than the same
 * words in a (seeded) shuffled order.
 */
class LmTrainCliTest {

  @Test
  void trainedModelPrefersRealWordOrder(@TempDir Path dir) throws Exception {
    Path sotu = SharedData.data("books/sotu").orElse(null);
    Assumptions.assumeTrue(sotu != null && Files.isDirectory(sotu), "needs $KILN_SHARED/data/books/sotu");
    List<Path> files;
    try (Stream<Path> s = Files.list(sotu)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    List<Row> rows = new ArrayList<>();
    for (Path f : files.subList(0, 60)) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      rows.add(DocumentSchema.toRow(new Document(f.getFileName().toString(), "sotu", Document.Kind.BOOK, null, text,
          "en", Map.of())));
    }
    Path docs = dir.resolve("docs");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("LmTrainCliTest")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      spark.createDataFrame(rows, DocumentSchema.DOCUMENT).repartition(3).write().parquet(docs.toString());
    } finally {
      spark.stop();
    }
    Path arpa = dir.resolve("sotu.arpa");
    assertEquals(0, KilnCli.execute("lm", "train", "--in", docs.toString(), "--order", "3", "--out", arpa.toString(),
        "--tokenizer", "spm:builtin:kiln-demo", "--master", "local[2]"));
    assertTrue(Files.readString(arpa).startsWith("\\data\\\nngram 1="));

    Path cfg = dir.resolve("ppl.yaml");
    Files.writeString(cfg, "model: sotu.arpa\nmax_perplexity: 1000\ntokenizer: spm:builtin:kiln-demo\n");
    PerplexityFilter f = PerplexityFilter.fromConfig(ConfigNode.load(cfg));
    Random rnd = new Random(15);
    int lower = 0;
    int total = 0;
    for (Path held : files.subList(200, 205)) {
      // the files are one line each: take their sentences
      for (String para : Files.readString(held, StandardCharsets.UTF_8).split("(?<=[.?!]) +")) {
        if (para.split(" ").length < 12) {
          continue;
        }
        List<String> words = new ArrayList<>(Arrays.asList(para.split(" ")));
        Collections.shuffle(words, rnd);
        SentenceScore real = f.line(para);
        SentenceScore shuffled = f.line(String.join(" ", words));
        total++;
        if (real.perplexity() < shuffled.perplexity()) {
          lower++;
        }
      }
    }
    assertTrue(total >= 100, "held-out sentences: " + total);
    assertTrue(lower >= 0.95 * total, "real order scored lower in " + lower + " of " + total);
  }
}

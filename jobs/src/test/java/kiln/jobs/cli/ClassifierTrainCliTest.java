package kiln.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.filters.QualityClassifierFilter;
import kiln.filters.model.FastTextModel;
import kiln.filters.model.FastTextPrediction;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln classifier train} on the shared corpora, as a user runs it: books (Gutenberg, cut into
 * paragraph-sized examples) and State of the Union speeches against raw crawl pages, each ingested with
 * {@code kiln ingest}. The held-out AUC must reach 0.9; the written model, loaded by the {@code quality_classifier}
 * filter, must keep more held-out positives than negatives; and the real {@code fasttext predict} must read the
 * file and agree with Kiln's reader.
 */
class ClassifierTrainCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void booksAndSpeechesAgainstCrawlPages(@TempDir Path dir) throws Exception {
    Path gutenberg = data("books/gutenberg");
    Path sotu = data("books/sotu");
    Path warc = data("web/warc");
    // a subset keeps the test short: the eight smallest books (~2 MB), the speeches since 1990 (~1.5 MB), and
    // every page of the WARC folder (~450 with text)
    ingest(dir.resolve("books"), "gutenberg", files(gutenberg, p -> p.toString().endsWith(".txt"),
        java.util.Comparator.comparingLong(ClassifierTrainCliTest::size), 8));
    ingest(dir.resolve("sotu"), "text", files(sotu, p -> p.getFileName().toString().compareTo("1990") >= 0
        && p.toString().endsWith(".txt"), java.util.Comparator.naturalOrder(), Integer.MAX_VALUE));
    ingest(dir.resolve("web"), "warc", warc);

    Path model = dir.resolve("models/hq.bin");
    Path metrics = dir.resolve("metrics.json");
    Path held = dir.resolve("held");
    assertEquals(0, KilnCli.execute("classifier", "train",
        "--positive", dir.resolve("books/kept").toString(), dir.resolve("sotu/kept").toString(),
        "--negative", dir.resolve("web/kept").toString(),
        "--out", model.toString(), "--format", "fasttext", "--dim", "16", "--epoch", "5",
        "--bucket", "262144", "--chunk-chars", "1000", "--max-per-class", "1500",
        "--metrics", metrics.toString(), "--held-out-out", held.toString(), "--master", "local[2]"));

    JsonNode m = JSON.readTree(metrics.toFile());
    double auc = m.path("auc").asDouble();
    System.out.printf(Locale.ROOT, "classifier held-out: %d positive, %d negative, precision %.4f, recall %.4f,"
        + " AUC %.4f%n", m.path("held_out_positives").asLong(), m.path("held_out_negatives").asLong(),
        m.path("precision").asDouble(), m.path("recall").asDouble(), auc);
    assertTrue(m.path("held_out_positives").asLong() >= 50 && m.path("held_out_negatives").asLong() >= 20,
        "a held-out set of some size: " + m);
    assertTrue(auc >= 0.9, "held-out AUC " + auc);

    // the model as the filter loads it, from a config
    Files.writeString(dir.resolve("f.yaml"), "model: '" + model + "'\nlabel: __label__hq\nthreshold: 0.5\n");
    QualityClassifierFilter filter = QualityClassifierFilter.fromConfig(
        ConfigNode.parse(Files.readString(dir.resolve("f.yaml")), dir.resolve("f.yaml").toString()));
    List<String[]> rows = readHeld(held);
    assertEquals(m.path("held_out_positives").asLong() + m.path("held_out_negatives").asLong(), rows.size());
    long pos = 0;
    long posKept = 0;
    long neg = 0;
    long negKept = 0;
    for (String[] r : rows) {
      boolean kept = filter.apply(new Document(r[0], "test", Document.Kind.TEXT, null, r[1], null, null)).kept();
      if (r[2].equals("__label__hq")) {
        pos++;
        posKept += kept ? 1 : 0;
      } else {
        neg++;
        negKept += kept ? 1 : 0;
      }
    }
    double posShare = (double) posKept / pos;
    double negShare = (double) negKept / neg;
    System.out.printf(Locale.ROOT, "quality_classifier (threshold 0.5) keeps %.3f of held-out positives, %.3f of "
        + "negatives%n", posShare, negShare);
    assertTrue(posShare > negShare + 0.5, "positives kept " + posShare + ", negatives kept " + negShare);

    Path ft = fasttextBinary();
    if (ft == null) {
      System.out.println("fasttext binary absent: skipped the `fasttext predict` check (apt-get install fasttext, "
          + "Debian package fasttext)");
      Assumptions.abort("needs the fasttext binary (Debian package fasttext)");
    }
    Path lines = dir.resolve("held.txt");
    List<String> texts = new ArrayList<>();
    for (String[] r : rows) {
      texts.add(r[1]);
    }
    Files.write(lines, texts, StandardCharsets.UTF_8);
    Path out = dir.resolve("ft-out.txt");
    Process p = new ProcessBuilder(ft.toString(), "predict-prob", model.toString(), lines.toString(), "1")
        .redirectOutput(out.toFile()).redirectError(dir.resolve("ft-err.txt").toFile()).start();
    assertEquals(0, p.waitFor(), () -> "fasttext predict-prob: " + read(dir.resolve("ft-err.txt")));
    List<String> got = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(texts.size(), got.size(), "fasttext prints one prediction per line");
    FastTextModel kiln = FastTextModel.load(model);
    for (int i = 0; i < texts.size(); i++) {
      String[] f = got.get(i).split(" ");
      FastTextPrediction k = kiln.predict(texts.get(i), 1, 0f).get(0);
      assertEquals(k.label(), f[0], "line " + i);
      assertEquals(k.probability(), Float.parseFloat(f[1]), 1e-5, "line " + i);
    }
    System.out.println("fasttext predict-prob agrees with Kiln on " + texts.size() + " held-out examples");
  }

  private static void ingest(Path out, String format, Path... in) {
    List<String> args = new ArrayList<>(List.of("ingest", "--format", format, "--out", out.toString(), "--master",
        "local[2]", "--in"));
    for (Path p : in) {
      args.add(p.toString());
    }
    assertEquals(0, KilnCli.execute(args.toArray(new String[0])), "kiln " + args);
  }

  private static Path[] files(Path folder, java.util.function.Predicate<Path> keep,
      java.util.Comparator<Path> order, int n) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      Path[] picked = s.filter(Files::isRegularFile).filter(keep).sorted(order).limit(n).toArray(Path[]::new);
      Assumptions.assumeTrue(picked.length > 0, "no input files in " + folder);
      return picked;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path data(String rel) {
    Path p = SharedData.data(rel).orElse(null);
    Assumptions.assumeTrue(p != null && Files.isDirectory(p), "needs $KILN_SHARED/data/" + rel);
    return p;
  }

  private static Path fasttextBinary() {
    String path = System.getenv("PATH");
    for (String d : path == null ? new String[0] : path.split(File.pathSeparator)) {
      Path p = Path.of(d, "fasttext");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** The held-out examples: id, text, label; in file order. */
  private static List<String[]> readHeld(Path folder) throws IOException {
    List<Path> parts;
    try (Stream<Path> s = Files.list(folder)) {
      parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    List<String[]> rows = new ArrayList<>();
    for (Path part : parts) {
      try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(),
          new org.apache.hadoop.fs.Path(part.toUri())).withConf(new Configuration()).build()) {
        for (Group g = r.read(); g != null; g = r.read()) {
          rows.add(new String[] {g.getString("id", 0), g.getString("text", 0), g.getString("label", 0)});
        }
      }
    }
    return rows;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}

package kiln.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.Writer;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.SharedData;
import kiln.core.spark.DocumentSchema;
import kiln.filters.PerplexityFilter;
import kiln.filters.QualityClassifierFilter;
import kiln.filters.model.FastTextModel;
import kiln.filters.lm.ArpaModel;
import kiln.filters.lm.KneserNeyEstimator;
import kiln.filters.lm.LmTokenizer;
import kiln.filters.model.FastTextTrainer;
import kiln.filters.spark.ClassifierTraining;
import kiln.filters.spark.NgramCounts;
import kiln.jobs.demo.DemoPipeline;
import kiln.jobs.demo.DemoSample;
import kiln.jobs.run.Pipeline;
import kiln.jobs.run.PipelineRunner;
import kiln.jobs.run.Progress;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the demo run's report in real headless Chromium (Debian package {@code chromium}): no console
 * messages, charts present, hostile text from a rejected page shown as text, a screenshot saved to
 * {@code jobs/target/report-screenshot.png}.
 */
class ReportBrowserTest {

  static Path chromium() {
    for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
      if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    return null;
  }

  @Test
  void demoReportRendersSafelyInChromium(@TempDir Path dir) throws Exception {
    Path browser = chromium();
    assumeTrue(browser != null, "headless Chromium not found: install the Debian package 'chromium'");
    Path repo = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(repo.resolve("docs")), "needs the Kiln checkout (kiln.root) for the demo sample");

    DemoSample.Sample sample = DemoSample.write(repo, dir.resolve("demo-input"));
    Path yaml = dir.resolve("pipeline.yaml");
    Files.writeString(yaml, DemoPipeline.sampleYaml(sample));
    SparkSession spark = SparkSession.builder().master("local[2]").appName("report")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    String page;
    try {
      PipelineRunner.Result r = PipelineRunner.run(spark, Pipeline.load(yaml), dir.resolve("run").toString(),
          new Progress(System.out));
      page = ReportWriter.write(spark, r.outDir());
    } finally {
      spark.stop();
    }
    // The demo's mixture is token-exact: the phase holds its budget and every share is within 0.1 pt of its
    // target; each source's last document is cut at the boundary and recorded.
    JsonNode mix = new ObjectMapper().readTree(dir.resolve("run").resolve("shards").resolve("mix_report.json")
        .toFile()).get("phases").get(0);
    assertEquals(mix.get("budget_tokens").asLong(), mix.get("achieved_tokens").asLong(), mix.toString());
    for (Iterator<Map.Entry<String, JsonNode>> it = mix.get("sources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode s = e.getValue();
      assertEquals(s.get("target_share").asDouble(), s.get("achieved_share").asDouble(), 0.001, e.getKey());
      assertEquals(s.get("requested_tokens").asLong(), s.get("achieved_tokens").asLong(), e.getKey());
    }
    Path html = Path.of(URI.create(page));
    long bytes = Files.size(html);
    assertTrue(bytes < 5_000_000, "report weighs " + bytes + " bytes");

    List<String> base = chromeArgs(browser, dir);
    Result dom = dumpDom(browser, html, dir);

    // Charts drawn (the funnel, histograms, bar lists, the mixture).
    assertTrue(count(dom.out, "<svg class=\"chart") >= 8, "chart count " + count(dom.out, "<svg class=\"chart"));
    assertTrue(count(dom.out, "<rect ") >= 40, "bar count " + count(dom.out, "<rect "));
    assertTrue(dom.out.contains("id=\"mixture\"") && dom.out.contains("id=\"shards\""));
    assertTrue(dom.out.contains("Partial document of "), "partial documents listed under the mixture");

    // The guestbook page's text is shown, escaped: no script or img element exists in the DOM.
    assertEquals(0, count(dom.out, "<script"), "a script element reached the DOM");
    assertEquals(0, count(dom.out, "<img"), "an img element reached the DOM");
    assertTrue(dom.out.contains("&lt;script&gt;alert('kiln')&lt;/script&gt;"), "hostile text shown as text");
    assertTrue(dom.out.contains("&lt;img src=x onerror=alert(2)&gt;"), "hostile text shown as text");

    Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(shot.getParent());
    Files.deleteIfExists(shot);
    List<String> screenshot = new ArrayList<>(base);
    screenshot.add("--window-size=1280,2400");
    screenshot.add("--hide-scrollbars");
    screenshot.add("--screenshot=" + shot);
    screenshot.add(html.toUri().toString());
    Result s = run(screenshot, dir.resolve("shot.out"), dir.resolve("shot.err"));
    assertEquals(0, s.exit, s.err);
    assertTrue(Files.size(shot) > 20_000, "screenshot " + Files.size(shot) + " bytes");
    byte[] magic = new byte[4];
    System.arraycopy(Files.readAllBytes(shot), 0, magic, 0, 4);
    assertEquals("\u0089PNG", new String(magic, StandardCharsets.ISO_8859_1));
  }

  /**
   * A run whose filter stage holds both model-score filters, with models trained here on the demo sample: a
   * fastText classifier ({@code kiln classifier train}'s trainer; books against source code) and a 3-gram ARPA model
   * ({@code kiln lm train}'s counting and Kneser-Ney estimate; 60 State of the Union speeches from the shared data). Signals mode, so both filters score every
   * document; each cut-off lies halfway between the median score of the books and of the source files, so both
   * sides hold documents. Chromium must draw a histogram per filter with its cut-off line and label, and the examples nearest
   * the cut-off on both sides, escaped, without a console message.
   */
  @Test
  void scoreChartsRenderInChromium(@TempDir Path dir) throws Exception {
    Path browser = chromium();
    assumeTrue(browser != null, "headless Chromium not found: install the Debian package 'chromium'");
    Path repo = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(repo.resolve("docs")), "needs the Kiln checkout (kiln.root) for the demo sample");
    Path sotu = SharedData.data("books/sotu").orElse(null);
    assumeTrue(sotu != null && Files.isDirectory(sotu), "needs $KILN_SHARED/data/books/sotu");
    DemoSample.Sample sample = DemoSample.write(repo, dir.resolve("demo-input"));

    SparkSession spark = SparkSession.builder().master("local[2]").appName("report-scores")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    String page;
    JsonNode charts;
    double maxPpl;
    double threshold;
    try {
      List<Row> books = docs(sample.books(), "books", Document.Kind.BOOK, ".txt");
      List<Row> code = docs(sample.code(), "code", Document.Kind.CODE, ".java");
      String pos = dir.resolve("train/books").toString();
      String neg = dir.resolve("train/code").toString();
      spark.createDataFrame(books, DocumentSchema.DOCUMENT).write().parquet(pos);
      spark.createDataFrame(code, DocumentSchema.DOCUMENT).write().parquet(neg);
      Path model = dir.resolve("models/hq.bin");
      Files.createDirectories(model.getParent());
      FastTextModel ft = ClassifierTraining.train(spark, List.of(pos), List.of(neg), model,
          new FastTextTrainer.Options(16, 20, 0.1, 2, 1 << 16, 1, 0),
          new ClassifierTraining.Settings("__label__hq", "__label__cc", 0.1, 0, 400, 2000), null).model();
      // the threshold halfway between the median score of the books and of the source files
      QualityClassifierFilter qc = new QualityClassifierFilter(ft, "__label__hq", 0.5, 0);
      double bookScore = median(books, t -> qc.score(t));
      double codeScore = median(code, t -> qc.score(t));
      assertTrue(bookScore > codeScore, "books " + bookScore + ", code " + codeScore);
      threshold = Math.round((bookScore + codeScore) / 2 * 1e4) / 1e4;
      // the demo's three books are too few words for Kneser-Ney discounts of order 3: the LM reads 60 speeches
      String speeches = dir.resolve("train/sotu").toString();
      spark.createDataFrame(docs(sotu, "sotu", Document.Kind.BOOK, ".txt").subList(0, 60), DocumentSchema.DOCUMENT)
          .write().parquet(speeches);
      Path arpa = dir.resolve("models/sotu.arpa");
      try (Writer w = Files.newBufferedWriter(arpa, StandardCharsets.UTF_8)) {
        new KneserNeyEstimator(NgramCounts.count(spark.read().parquet(speeches), 3, "whitespace")).writeArpa(w);
      }
      // max_perplexity between the two kinds of text, from the model itself: the geometric mean of the median
      // perplexity of the books and of the source files
      PerplexityFilter ppl = new PerplexityFilter(ArpaModel.shared(arpa), LmTokenizer.open("whitespace"), 1e9,
          PerplexityFilter.Per.DOCUMENT);
      double bookPpl = median(books, t -> ppl.document(t).perplexity());
      double codePpl = median(code, t -> ppl.document(t).perplexity());
      assertTrue(codePpl > bookPpl, "books " + bookPpl + ", code " + codePpl);
      maxPpl = Math.round(Math.sqrt(bookPpl * codePpl));

      Path yaml = dir.resolve("pipeline.yaml");
      Files.writeString(yaml, "name: scores\ninputs:\n"
          + "  - {format: warc, source: web, paths: [\"" + sample.warc().getParent() + "\"]}\n"
          + "  - {format: code, source: code, paths: [\"" + sample.code() + "\"]}\n"
          + "  - {format: gutenberg, source: books, paths: [\"" + sample.books() + "\"]}\n"
          + "stages:\n  - filter:\n      signals: true\n      filters:\n"
          + "        - quality_classifier: {model: \"" + model + "\", threshold: " + threshold + "}\n"
          + "        - perplexity: {model: \"" + arpa + "\", max_perplexity: " + maxPpl + "}\n");
      PipelineRunner.Result r = PipelineRunner.run(spark, Pipeline.load(yaml), dir.resolve("run").toString(),
          new Progress(System.out));
      page = ReportWriter.write(spark, r.outDir());
      charts = new ObjectMapper().readTree(Path.of(URI.create(page)).resolveSibling(ScoreCharts.FILE).toFile());
    } finally {
      spark.stop();
    }

    // the data: one chart per filter, every scored document in a bucket, both sides of each cut-off populated
    assertEquals(2, charts.size(), charts.toString());
    for (JsonNode c : charts) {
      long sum = 0;
      for (JsonNode kr : c.path("buckets")) {
        sum += kr.get(0).asLong() + kr.get(1).asLong();
      }
      assertEquals(c.path("scored").asLong(), sum, c.path("filter").asText());
      assertTrue(c.at("/examples/above").size() > 0 && c.at("/examples/below").size() > 0, c.toString());
    }
    assertEquals("quality_classifier", charts.get(0).path("filter").asText());
    assertEquals("perplexity", charts.get(1).path("filter").asText());
    assertEquals("log", charts.get(1).path("scale").asText());

    Path html = Path.of(URI.create(page));
    // kept for a look (the page is self-contained): jobs/target/report-scores.html
    Files.copy(html, Path.of("target", "report-scores.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Result dom = dumpDom(browser, html, dir);
    String d = dom.out;
    assertTrue(d.contains("id=\"scores\""), "Model scores section");
    assertEquals(2, count(d, "<svg class=\"chart score-histogram\""), "a histogram per filter");
    assertEquals(2, count(d, "<line class=\"cutoff\""), "a cut-off line per filter");
    assertTrue(d.contains(">threshold " + Charts.num(threshold) + "</text>"), "classifier cut-off labelled");
    assertTrue(d.contains(">max_perplexity " + Charts.num(maxPpl) + "</text>"), "perplexity cut-off labelled");
    assertTrue(count(d, "<div class=\"chartbox score-examples above\">") == 2
        && count(d, "<div class=\"chartbox score-examples below\">") == 2);
    for (JsonNode c : charts) {
      for (String side : new String[] {"above", "below"}) {
        for (JsonNode e : c.path("examples").path(side)) {
          assertTrue(d.contains("<code>" + Html.esc(e.path("id").asText()) + "</code>"), "example " + e.path("id"));
        }
      }
    }
    assertEquals(0, count(d, "<script"), "a script element reached the DOM");
    assertEquals(0, count(d, "<img"), "an img element reached the DOM");
  }

  private static List<Row> docs(Path root, String source, Document.Kind kind, String suffix) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
        rows.add(DocumentSchema.toRow(new Document(root.relativize(f).toString(), source, kind, null,
            Files.readString(f, StandardCharsets.UTF_8), "en", Map.of())));
      }
    }
    assertTrue(!rows.isEmpty(), "no " + suffix + " files under " + root);
    return rows;
  }

  private static double median(List<Row> docs, java.util.function.ToDoubleFunction<String> score) {
    double[] v = docs.stream().mapToDouble(r -> score.applyAsDouble(r.getString(4))).sorted().toArray();
    return v[v.length / 2];
  }

  static List<String> chromeArgs(Path browser, Path dir) {
    return List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("chrome-profile"), "--enable-logging=stderr",
        "--v=0");
  }

  /** The DOM Chromium builds from the page, after checking it exited cleanly and logged no console message. */
  static Result dumpDom(Path browser, Path html, Path dir) throws IOException, InterruptedException {
    List<String> dump = new ArrayList<>(chromeArgs(browser, dir));
    dump.add("--dump-dom");
    dump.add(html.toUri().toString());
    Result dom = run(dump, dir.resolve("dom.html"), dir.resolve("dom.err"));
    assertEquals(0, dom.exit, dom.err);
    // No console message at all: the page has no script, so any message is an error (e.g. a CSP refusal).
    List<String> console = dom.err.lines().filter(l -> l.contains(":CONSOLE(")).toList();
    assertEquals(List.of(), console);
    return dom;
  }

  record Result(int exit, String out, String err) {}

  static Result run(List<String> cmd, Path out, Path err) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish in 120 s: " + String.join(" ", cmd));
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static int count(String s, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}

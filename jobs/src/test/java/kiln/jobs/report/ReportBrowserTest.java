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
import kiln.jobs.demo.DemoPipeline;
import kiln.jobs.demo.DemoSample;
import kiln.jobs.run.Pipeline;
import kiln.jobs.run.PipelineRunner;
import kiln.jobs.run.Progress;
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

    Path profile = dir.resolve("chrome-profile");
    List<String> base = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0");
    List<String> dump = new ArrayList<>(base);
    dump.add("--dump-dom");
    dump.add(html.toUri().toString());
    Result dom = run(dump, dir.resolve("dom.html"), dir.resolve("dom.err"));
    assertEquals(0, dom.exit, dom.err);

    // No console message at all: the page has no script, so any message is an error (e.g. a CSP refusal).
    List<String> console = dom.err.lines().filter(l -> l.contains(":CONSOLE(")).toList();
    assertEquals(List.of(), console);

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

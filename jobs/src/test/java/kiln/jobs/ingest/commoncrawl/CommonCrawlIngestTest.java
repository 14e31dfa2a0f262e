package kiln.jobs.ingest.commoncrawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import kiln.core.SharedData;
import kiln.core.stats.StageStats;
import kiln.jobs.cli.KilnCli;
import kiln.jobs.ingest.IngestReasons;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln ingest --commoncrawl} against a real HTTP server on 127.0.0.1 serving the real Common Crawl files of
 * {@code $KILN_SHARED/data/web/commoncrawl-*} and {@code web/wet} under a crawl listing, with injected faults:
 * a transfer cut off mid-file, 503s, a file that fails until the server is fixed. The output is compared with
 * {@code kiln ingest --in} over a copy of the same tree on disk.
 */
class CommonCrawlIngestTest {
  static final String CRAWL = "CC-MAIN-2024-22";
  /** A few dozen rows: two shuffle partitions are plenty. */
  static final String SMALL = "spark.sql.shuffle.partitions=2";

  @TempDir
  Path dir;
  Server server;

  @BeforeEach
  void start() throws IOException {
    server = new Server();
  }

  @AfterEach
  void stop() {
    server.http.stop(0);
  }

  /** The files of the shared folders for one listing, under CC-style segment paths. */
  static Map<String, Path> crawlTree(String kind) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    int seg = 0;
    for (String folder : new String[] {"web/commoncrawl-2014-eugeneware", "web/commoncrawl-whirlwind", "web/wet"}) {
      Optional<Path> d = SharedData.data(folder);
      Assumptions.assumeTrue(d.isPresent(), "needs $KILN_SHARED/data/" + folder);
      seg++;
      try (Stream<Path> s = Files.walk(d.get())) {
        for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
          String n = f.getFileName().toString();
          boolean wet = n.contains(".wet") || folder.equals("web/wet");
          if (kind.equals("wet") != wet) {
            continue; // warc listing: WARC and WAT files (WARC format); wet listing: WET files
          }
          out.put("crawl-data/" + CRAWL + "/segments/17160000000" + seg + ".0/" + kind + "/" + n, f);
        }
      }
    }
    return out;
  }

  /** The tree on local disk, for the {@code --in} baseline: same relative names, so the same ids. */
  Path copyTree(Map<String, Path> tree, String name) throws IOException {
    Path root = dir.resolve(name);
    for (Map.Entry<String, Path> e : tree.entrySet()) {
      Path t = root.resolve(e.getKey());
      Files.createDirectories(t.getParent());
      Files.copy(e.getValue(), t);
    }
    return root;
  }

  Path config() throws IOException {
    Path c = dir.resolve("cc.yaml");
    Files.writeString(c, "attempts: 3\nbackoff_ms: 20\nmax_backoff_ms: 200\nread_timeout_ms: 20000\n"
        + "batch_files: 2\n");
    return c;
  }

  int ingestCc(String kind, Path out) throws IOException {
    return KilnCli.execute("ingest", "--format", kind, "--commoncrawl", CRAWL, "--base", server.base(),
        "--config", config().toString(), "--out", out.toString(), "--master", "local[2]", "--conf", SMALL);
  }

  static int ingestLocal(String kind, Path in, Path out) {
    return KilnCli.execute("ingest", "--format", kind, "--in", in.toString(), "--out", out.toString(),
        "--master", "local[2]", "--conf", SMALL);
  }

  @Test
  void warcListingSurvivesTruncationAndRetriesAndResumesAfterAFailedFile() throws IOException {
    Map<String, Path> tree = crawlTree("warc");
    assertTrue(tree.size() >= 4, tree.keySet().toString());
    server.publish("warc", tree);
    List<String> files = new ArrayList<>(tree.keySet());
    String truncated = pick(files, "whirlwind.warc.gz");
    String flaky = pick(files, "internal.warc");
    String broken = pick(files, "whirlwind.warc.wat");
    long cut = Files.size(tree.get(truncated)) / 2;

    Path local = dir.resolve("local");
    assertEquals(0, ingestLocal("warc", copyTree(tree, "tree"), local));
    List<String> expectKept = rows(local.resolve("kept"));
    List<String> expectRejected = rows(local.resolve("rejected"));
    assertFalse(expectKept.isEmpty());

    // Run 1: one file cut off half-way (once), one 503 twice, one failing on every attempt.
    server.truncateOnce(truncated, cut);
    server.fail(flaky, 503, 2);
    server.fail(broken, 500, Integer.MAX_VALUE);
    Path out = dir.resolve("cc");
    assertEquals(0, ingestCc("warc", out));
    assertEquals(2, server.requests(truncated), "cut off, then resumed");
    assertEquals(1, server.ranged.size(), server.ranged.toString());
    long resumedAt = server.ranged.get(truncated);
    assertTrue(resumedAt > 0 && resumedAt <= cut, "resumed at " + resumedAt + ", cut at " + cut);
    assertEquals(3, server.requests(flaky), "503, 503, 200");
    assertEquals(3, server.requests(broken), "attempts: 3");
    List<String> rejected1 = rows(out.resolve("rejected"));
    List<String> failed = rejected1.stream().filter(r -> r.contains(IngestReasons.FETCH_FAILED)).toList();
    assertEquals(1, failed.size(), failed.toString());
    assertTrue(failed.get(0).contains(broken) && failed.get(0).contains("HTTP 500"), failed.get(0));
    // Everything else is there exactly once: the baseline minus the broken file's records.
    assertEquals(without(expectKept, broken), rows(out.resolve("kept")));
    assertEquals(without(expectRejected, broken),
        rejected1.stream().filter(r -> !r.contains(IngestReasons.FETCH_FAILED)).toList());
    StageStats s1 = stats(out);
    assertEquals(s1.docsIn(), s1.docsKept() + s1.docsRejected());
    assertEquals(1, ((Number) s1.extra().get("commoncrawl_failed")).intValue());
    assertTrue(Files.isDirectory(dir.resolve(".cc.commoncrawl")), "state kept for the rerun");

    // Run 2, server fixed: only the failed file is fetched again, and the output is the uninterrupted one.
    server.heal();
    server.counts.clear();
    assertEquals(0, ingestCc("warc", out));
    assertEquals(Map.of("crawl-data/" + CRAWL + "/warc.paths.gz", 1, broken, 1), new TreeMap<>(server.counts));
    assertEquals(expectKept, rows(out.resolve("kept")));
    assertEquals(expectRejected, rows(out.resolve("rejected")));
    assertFalse(Files.exists(dir.resolve(".cc.commoncrawl")), "state dropped once complete");

    // An uninterrupted run (cut-off and 503 again) gives the same output, and the same counts as --in.
    server.truncateOnce(truncated, cut);
    server.fail(flaky, 503, 2);
    Path clean = dir.resolve("clean");
    assertEquals(0, ingestCc("warc", clean));
    assertEquals(rows(out.resolve("kept")), rows(clean.resolve("kept")));
    assertEquals(rows(out.resolve("rejected")), rows(clean.resolve("rejected")));
    StageStats a = stats(local);
    StageStats b = stats(clean);
    assertEquals(List.of(a.docsIn(), a.docsKept(), a.docsRejected(), a.bytesIn(), a.reasons()),
        List.of(b.docsIn(), b.docsKept(), b.docsRejected(), b.bytesIn(), b.reasons()));
    assertEquals(tree.size(), ((Number) b.extra().get("commoncrawl_files")).intValue());
  }

  @Test
  void wetListingMatchesLocalIngest() throws IOException {
    Map<String, Path> tree = crawlTree("wet");
    assertTrue(tree.size() >= 2, tree.keySet().toString());
    server.publish("wet", tree);
    List<String> files = new ArrayList<>(tree.keySet());
    String truncated = pick(files, "whirlwind.warc.wet.gz");
    server.truncateOnce(truncated, Files.size(tree.get(truncated)) / 3);
    server.fail(pick(files, "sample.warc.txt"), 503, 2);
    Path local = dir.resolve("local");
    assertEquals(0, ingestLocal("wet", copyTree(tree, "tree"), local));
    Path out = dir.resolve("cc");
    assertEquals(0, ingestCc("wet", out));
    assertEquals(2, server.requests(truncated));
    List<String> kept = rows(out.resolve("kept"));
    assertFalse(kept.isEmpty());
    assertEquals(rows(local.resolve("kept")), kept);
    assertEquals(rows(local.resolve("rejected")), rows(out.resolve("rejected")));
  }

  @Test
  void pipelineRerunFetchesWhatFailed() throws IOException {
    Map<String, Path> tree = crawlTree("wet");
    server.publish("wet", tree);
    String broken = pick(new ArrayList<>(tree.keySet()), "sample.warc.txt");
    server.fail(broken, 500, Integer.MAX_VALUE);
    Path yaml = dir.resolve("pipeline.yaml");
    Files.writeString(yaml, "name: cc\ninputs:\n  - {format: wet, commoncrawl: " + CRAWL + ", base: '" + server.base()
        + "', attempts: 2, backoff_ms: 10, max_backoff_ms: 50}\nstages:\n  - filter: {recipe: none}\nreport: false\n");
    Path out = dir.resolve("run");
    String[] run = {"run", yaml.toString(), "--out", out.toString(), "--master", "local[2]", "--conf", SMALL};
    assertEquals(0, KilnCli.execute(run));
    assertTrue(rows(out.resolve("ingest/rejected")).stream().anyMatch(r -> r.contains(IngestReasons.FETCH_FAILED)));
    assertFalse(Files.exists(out.resolve("ingest/_config_hash")), "an ingest with a failed file is not complete");

    // The rerun runs the ingest again, fetching only the failed file, and then counts it complete.
    server.heal();
    server.counts.clear();
    assertEquals(0, KilnCli.execute(run));
    assertEquals(Map.of("crawl-data/" + CRAWL + "/wet.paths.gz", 1, broken, 1), new TreeMap<>(server.counts));
    Path local = dir.resolve("local");
    assertEquals(0, ingestLocal("wet", copyTree(tree, "tree"), local));
    assertEquals(rows(local.resolve("kept")), rows(out.resolve("ingest/kept")));
    assertTrue(Files.exists(out.resolve("ingest/_config_hash")));
    server.counts.clear();
    assertEquals(0, KilnCli.execute(run));
    assertEquals(Map.of(), server.counts, "a complete run is skipped, nothing fetched");
  }

  @Test
  void listingSelectionAndValidation() {
    List<String> l = CrawlListing.parse(gzip(("crawl-data/C/segments/1.1/warc/a.warc.gz\n"
        + "crawl-data/C/segments/1.1/warc/b.warc.gz\n\n# comment\ncrawl-data/C/segments/2.2/warc/c.warc.gz\n"
        + "crawl-data/C/segments/1.1/warc/a.warc.gz\ncrawl-data/C/segments/3.3/warc/d.warc.gz\n")
        .getBytes(StandardCharsets.UTF_8)), "t");
    assertEquals(4, l.size(), "duplicate dropped");
    assertEquals(List.of("crawl-data/C/segments/1.1/warc/a.warc.gz", "crawl-data/C/segments/1.1/warc/b.warc.gz",
        "crawl-data/C/segments/2.2/warc/c.warc.gz"), CrawlListing.select(l, 2));
    assertEquals(l, CrawlListing.select(l, 0));
    for (String bad : new String[] {"/etc/passwd", "crawl-data/../x", "http://x/y"}) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> CrawlListing.parse(bad.getBytes(StandardCharsets.UTF_8), "t"));
      assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
    RetryPolicy p = new RetryPolicy(5, 100, 1000);
    assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L, 300L),
        List.of(p.delayMs(1, -1), p.delayMs(2, -1), p.delayMs(3, 50), p.delayMs(4, -1), p.delayMs(5, -1),
            p.delayMs(1, 5000), p.delayMs(1, 300)));
  }

  @Test
  void badArgumentsExitTwoBeforeSpark() {
    String out = dir.resolve("o").toString();
    assertEquals(2, KilnCli.execute("ingest", "--format", "warc", "--out", out));
    assertEquals(2, KilnCli.execute("ingest", "--format", "warc", "--in", out, "--commoncrawl", CRAWL, "--out", out));
    assertEquals(2, KilnCli.execute("ingest", "--format", "warc", "--in", out, "--segments", "2", "--out", out));
    assertEquals(2, KilnCli.execute("ingest", "--format", "arc", "--commoncrawl", CRAWL, "--out", out));
    assertEquals(2, KilnCli.execute("ingest", "--format", "warc", "--commoncrawl", "2024-22", "--out", out));
    assertEquals(2, KilnCli.execute("ingest", "--format", "warc", "--commoncrawl", CRAWL, "--base", "data.cc.org",
        "--out", out));
    assertEquals(2, KilnCli.execute("ingest", "--format", "wet", "--commoncrawl", CRAWL, "--paths",
        dir.resolve("missing.paths").toString(), "--out", out));
    assertFalse(Files.exists(dir.resolve("o")));
  }

  // --- helpers ---

  static String pick(List<String> files, String suffix) {
    return files.stream().filter(f -> f.endsWith(suffix)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + suffix + " in " + files));
  }

  static List<String> without(List<String> rows, String file) {
    return rows.stream().filter(r -> !r.contains("file=" + file + ",")).toList();
  }

  static StageStats stats(Path out) throws IOException {
    return StageStats.fromJson(Files.readString(out.resolve("_stats.json")));
  }

  /** Every row of a Parquet folder as {@code id | reason | url | sha256(text) | meta}, sorted. */
  static List<String> rows(Path folder) throws IOException {
    List<String> out = new ArrayList<>();
    List<Path> parts;
    try (Stream<Path> s = Files.list(folder)) {
      parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    for (Path p : parts) {
      try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(),
          new org.apache.hadoop.fs.Path(p.toUri())).withConf(new Configuration()).build()) {
        Group g;
        while ((g = r.read()) != null) {
          Map<String, String> meta = new TreeMap<>();
          if (g.getFieldRepetitionCount("meta") > 0) {
            Group m = g.getGroup("meta", 0);
            for (int i = 0; i < m.getFieldRepetitionCount(0); i++) {
              Group kv = m.getGroup(0, i);
              meta.put(kv.getString(0, 0), kv.getFieldRepetitionCount(1) > 0 ? kv.getString(1, 0) : null);
            }
          }
          out.add(g.getString("id", 0) + " | " + opt(g, "reason") + " | " + opt(g, "url") + " | "
              + DigestUtils.sha256Hex(g.getString("text", 0)) + " | " + meta);
        }
      }
    }
    out.sort(null);
    return out;
  }

  static String opt(Group g, String field) {
    return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0 ? g.getString(field, 0) : null;
  }

  static byte[] gzip(byte[] b) {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
      gz.write(b);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bo.toByteArray();
  }

  /** A static file server with byte ranges, ETags, per-path request counters and injectable faults. */
  static final class Server {
    final HttpServer http;
    final Map<String, byte[]> content = new ConcurrentHashMap<>();
    final Map<String, Integer> counts = new ConcurrentHashMap<>();
    /** Path -> first byte of each ranged request that got a 206. */
    final Map<String, Long> ranged = new ConcurrentHashMap<>();
    final Map<String, Long> cutAt = new ConcurrentHashMap<>();
    /** Path -> {bytes, millis}: send that many bytes, then go silent for that long (once). */
    final Map<String, long[]> stallAt = new ConcurrentHashMap<>();
    final Map<String, int[]> failures = new ConcurrentHashMap<>();
    final AtomicInteger served = new AtomicInteger();

    Server() throws IOException {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext("/", this::handle);
      http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "cc-test-server");
        t.setDaemon(true);
        return t;
      }));
      http.start();
    }

    String base() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    void publish(String kind, Map<String, Path> tree) throws IOException {
      StringBuilder listing = new StringBuilder();
      for (Map.Entry<String, Path> e : tree.entrySet()) {
        content.put(e.getKey(), Files.readAllBytes(e.getValue()));
        listing.append(e.getKey()).append('\n');
      }
      content.put("crawl-data/" + CRAWL + "/" + kind + ".paths.gz",
          gzip(listing.toString().getBytes(StandardCharsets.UTF_8)));
    }

    void truncateOnce(String path, long bytes) {
      cutAt.put(path, bytes);
    }

    void fail(String path, int status, int times) {
      failures.put(path, new int[] {status, times});
    }

    void heal() {
      cutAt.clear();
      failures.clear();
      ranged.clear();
    }

    int requests(String path) {
      return counts.getOrDefault(path, 0);
    }

    private void handle(HttpExchange ex) throws IOException {
      try {
        respond(ex);
      } finally {
        ex.close();
      }
    }

    private void respond(HttpExchange ex) throws IOException {
      {
        String path = ex.getRequestURI().getPath().substring(1);
        counts.merge(path, 1, Integer::sum);
        byte[] body = content.get(path);
        if (body == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        int[] f = failures.get(path);
        if (f != null && f[1] > 0) {
          f[1]--;
          ex.sendResponseHeaders(f[0], -1);
          return;
        }
        String etag = "\"" + DigestUtils.sha1Hex(body) + "\"";
        ex.getResponseHeaders().set("ETag", etag);
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        String range = ex.getRequestHeaders().getFirst("Range");
        String ifRange = ex.getRequestHeaders().getFirst("If-Range");
        long from = 0;
        if (range != null && range.matches("bytes=\\d+-") && (ifRange == null || ifRange.equals(etag))) {
          from = Long.parseLong(range.substring(6, range.length() - 1));
          if (from >= body.length) {
            ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
            ex.sendResponseHeaders(416, -1);
            return;
          }
          ranged.put(path, from);
          ex.getResponseHeaders().set("Content-Range",
              "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
          ex.sendResponseHeaders(206, body.length - from);
        } else {
          ex.sendResponseHeaders(200, body.length);
        }
        OutputStream os = ex.getResponseBody();
        long[] stall = stallAt.remove(path);
        if (stall != null) {
          os.write(body, (int) from, (int) (stall[0] - from));
          os.flush();
          try {
            Thread.sleep(stall[1]);
            os.write(body, (int) stall[0], (int) (body.length - stall[0]));
          } catch (InterruptedException | IOException gone) {
            // the client gave up on the stalled body
          }
          return;
        }
        Long cut = cutAt.remove(path);
        if (cut != null) {
          // Announce the full length, send part of it, drop the connection.
          os.write(body, (int) from, (int) (cut - from));
          os.flush();
          try {
            os.close(); // fewer bytes than announced: the server closes the connection
          } catch (IOException expected) {
            // "insufficient bytes written to stream"
          }
          return;
        }
        os.write(body, (int) from, (int) (body.length - from));
        served.incrementAndGet();
      }
    }
  }
}

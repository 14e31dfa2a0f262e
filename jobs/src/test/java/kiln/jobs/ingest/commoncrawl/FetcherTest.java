package kiln.jobs.ingest.commoncrawl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kiln.core.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch loop without Spark: stalls, changed objects, Hadoop bases, permanent errors. */
class FetcherTest {
  static final RetryPolicy FAST = new RetryPolicy(3, 10, 50);

  static Path realFile() {
    Path f = SharedData.data("web/commoncrawl-whirlwind/whirlwind.warc.gz").orElse(null);
    Assumptions.assumeTrue(f != null, "needs $KILN_SHARED/data/web/commoncrawl-whirlwind/whirlwind.warc.gz");
    return f;
  }

  @Test
  void stalledBodyIsClosedAndResumedFromTheByteItStoppedAt(@TempDir Path dir) throws IOException {
    byte[] data = Files.readAllBytes(realFile());
    CommonCrawlIngestTest.Server server = new CommonCrawlIngestTest.Server();
    try {
      server.content.put("a/x.warc.gz", data);
      server.stallAt.put("a/x.warc.gz", new long[] {data.length / 2, 5_000});
      Fetcher f = Fetcher.forBase(server.base(), FAST, 300, Map.of());
      Path spool = dir.resolve("spool");
      Fetcher.Result r = f.fetch("a/x.warc.gz", spool);
      assertArrayEquals(data, Files.readAllBytes(spool));
      assertEquals(2, r.attempts());
      assertEquals(1, r.resumes());
      assertEquals(data.length / 2, server.ranged.get("a/x.warc.gz"));
    } finally {
      server.http.stop(0);
    }
  }

  @Test
  void changedObjectIsFetchedWholeNotSpliced(@TempDir Path dir) throws IOException {
    byte[] data = Files.readAllBytes(realFile());
    CommonCrawlIngestTest.Server server = new CommonCrawlIngestTest.Server();
    try {
      server.content.put("x", data);
      server.cutAt.put("x", (long) data.length / 3);
      Fetcher f = Fetcher.forBase(server.base(), new RetryPolicy(3, 300, 300), 5_000, Map.of());
      Path spool = dir.resolve("spool");
      byte[] v2 = new byte[data.length + 7];
      System.arraycopy(data, 0, v2, 7, data.length);
      // Replace the object while the client backs off after the cut: If-Range no longer matches.
      Thread swap = new Thread(() -> {
        while (server.counts.getOrDefault("x", 0) < 1 || server.cutAt.containsKey("x")) {
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
        server.content.put("x", v2);
      });
      swap.start();
      Fetcher.Result r = f.fetch("x", spool);
      assertArrayEquals(v2, Files.readAllBytes(spool));
      assertEquals(2, r.attempts());
      assertTrue(server.ranged.isEmpty(), "answered 200, not 206: " + server.ranged);
    } finally {
      server.http.stop(0);
    }
  }

  @Test
  void hadoopBaseAndPermanentErrors(@TempDir Path dir) throws IOException {
    Path real = realFile();
    Path root = Files.createDirectories(dir.resolve("mirror/crawl-data"));
    Files.copy(real, root.resolve("w.warc.gz"));
    Fetcher f = Fetcher.forBase(dir.resolve("mirror").toUri().toString(), FAST, 1_000, Map.of());
    Path spool = dir.resolve("spool");
    Fetcher.Result r = f.fetch("crawl-data/w.warc.gz", spool);
    assertArrayEquals(Files.readAllBytes(real), Files.readAllBytes(spool));
    assertEquals(1, r.attempts());
    Fetcher.FetchFailedException missing = assertThrows(Fetcher.FetchFailedException.class,
        () -> f.fetch("crawl-data/nope.warc.gz", spool));
    assertEquals(1, missing.attempts(), "a missing file is not retried");

    CommonCrawlIngestTest.Server server = new CommonCrawlIngestTest.Server();
    try {
      Fetcher http = Fetcher.forBase(server.base(), FAST, 1_000, Map.of());
      Fetcher.FetchFailedException notFound = assertThrows(Fetcher.FetchFailedException.class,
          () -> http.fetch("nope", spool));
      assertEquals(1, notFound.attempts());
      assertEquals(1, server.requests("nope"));
      server.content.put("busy", new byte[] {1, 2, 3});
      server.fail("busy", 503, 100);
      Fetcher.FetchFailedException busy = assertThrows(Fetcher.FetchFailedException.class,
          () -> http.fetch("busy", spool));
      assertEquals(3, busy.attempts());
      assertEquals(3, server.requests("busy"));
      assertTrue(busy.getMessage().contains("HTTP 503"), busy.getMessage());
    } finally {
      server.http.stop(0);
    }
  }
}

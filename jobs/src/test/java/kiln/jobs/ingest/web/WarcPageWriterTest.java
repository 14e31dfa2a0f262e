package kiln.jobs.ingest.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarcPageWriterTest {
  static final Instant DATE = Instant.parse("2026-01-02T03:04:05Z");

  static List<WarcPageWriter.Page> pages() {
    String body = "<p>" + "Kiln turns raw crawls into clean documents, one paragraph at a time. ".repeat(4) + "</p>";
    return List.of(
        new WarcPageWriter.Page("https://kiln.dev/a.html",
            "<html><head><title>Page A</title></head><body><nav><a href='/'>Home</a></nav>" + body
                + "<p>" + "Second paragraph with more words, commas, and content. ".repeat(3) + "</p></body></html>"),
        new WarcPageWriter.Page("https://kiln.dev/b.html",
            "<html><head><title>Page B</title></head><body>" + body + "</body></html>"));
  }

  @Test
  void writesDeterministicBytesThatReadBack(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.warc.gz");
    Path b = dir.resolve("b.warc.gz");
    WarcPageWriter.write(a, pages(), DATE);
    Files.createDirectories(dir.resolve("x"));
    WarcPageWriter.write(b, pages(), DATE);
    // Same content except the file name in warcinfo: compare two writes under the same name instead.
    Path a2 = dir.resolve("x").resolve("a.warc.gz");
    WarcPageWriter.write(a2, pages(), DATE);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(a2));

    List<IngestRecord> recs = new ArrayList<>();
    try (WarcFileReader r = new WarcFileReader(a, "a.warc.gz", "web", WebOptions.defaults())) {
      r.forEachRemaining(recs::add);
    }
    assertEquals(3, recs.size());
    assertEquals(IngestReasons.RECORD_TYPE, recs.get(0).reason());
    IngestRecord first = recs.get(1);
    assertNull(first.reason());
    assertEquals("https://kiln.dev/a.html", first.doc().url());
    assertEquals("Page A", first.doc().meta().get("title"));
    assertEquals("200", first.doc().meta().get("http_status"));
    assertEquals(DATE.toString(), first.doc().meta().get("crawl_date"));
    assertFalse(first.doc().text().contains("Home"), first.doc().text());
    assertTrue(first.doc().text().contains("\n\nSecond paragraph"), first.doc().text());

    // Ids depend on the relative name and offset, not on where the file sits.
    List<IngestRecord> moved = new ArrayList<>();
    try (WarcFileReader r = new WarcFileReader(a2, "a.warc.gz", "web", WebOptions.defaults())) {
      r.forEachRemaining(moved::add);
    }
    for (int i = 0; i < recs.size(); i++) {
      assertEquals(recs.get(i).doc().id(), moved.get(i).doc().id());
    }
  }
}

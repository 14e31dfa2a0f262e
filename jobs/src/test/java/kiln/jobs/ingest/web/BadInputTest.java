package kiln.jobs.ingest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad crawl input is counted, never thrown. */
class BadInputTest {

  static List<IngestRecord> read(Path p) {
    List<IngestRecord> out = new ArrayList<>();
    try (WarcFileReader r = new WarcFileReader(p, p.getFileName().toString(), "web", WebOptions.defaults())) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void truncatedGzipKeepsTheRecordsBeforeTheCut(@TempDir Path dir) throws IOException {
    Path whole = dir.resolve("whole.warc.gz");
    List<WarcPageWriter.Page> pages = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pages.add(new WarcPageWriter.Page("https://kiln.dev/" + i, "<html><body><p>" + ("Page " + i
          + " text, long enough, with commas, to count as content for the extractor. ").repeat(4)
          + "</p></body></html>"));
    }
    WarcPageWriter.write(whole, pages, Instant.EPOCH);
    List<IngestRecord> all = read(whole);
    assertEquals(5, all.size());
    // Cut in the middle of the last member: warcinfo + 3 pages survive, the last record is one error row.
    long lastStart = Long.parseLong(all.get(4).doc().meta().get("offset"));
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.warc.gz");
    Files.write(cut, Arrays.copyOf(bytes, (int) (lastStart + (bytes.length - lastStart) / 2)));
    List<IngestRecord> got = read(cut);
    assertEquals(5, got.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(all.get(i).doc().meta().get("offset"), got.get(i).doc().meta().get("offset"));
      assertEquals(all.get(i).reason(), got.get(i).reason());
      assertEquals(all.get(i).doc().text(), got.get(i).doc().text());
    }
    IngestRecord last = got.get(4);
    assertTrue(IngestReasons.TRUNCATED_GZIP.equals(last.reason()) || IngestReasons.BAD_ENCODING.equals(last.reason()),
        last.toString());
    assertEquals(Long.toString(lastStart), last.doc().meta().get("offset"));
    assertEquals("cut.warc.gz", last.doc().meta().get("file"));
  }

  @Test
  void emptyAndForeignFilesGiveOneRow(@TempDir Path dir) throws IOException {
    Path empty = Files.write(dir.resolve("empty.warc"), new byte[0]);
    List<IngestRecord> e = read(empty);
    assertEquals(1, e.size());
    assertEquals(IngestReasons.EMPTY, e.get(0).reason());
    Path text = Files.write(dir.resolve("notes.warc"), "just some notes\n".getBytes(StandardCharsets.UTF_8));
    List<IngestRecord> t = read(text);
    assertEquals(1, t.size());
    assertEquals(IngestReasons.MALFORMED_RECORD, t.get(0).reason());
    assertEquals("0", t.get(0).doc().meta().get("offset"));
  }

  @Test
  void badChunkedBodyIsKeptAsIs() throws IOException {
    byte[] body = "<html><body><p>Chunk framing is wrong but the page is fine, long enough, with commas.</p></body></html>"
        .getBytes(StandardCharsets.UTF_8);
    // Not chunked despite the header: the bytes are used as they are.
    byte[] out = HttpBodyDecoder.decode(body, body.length, "chunked", null, 1 << 20).data();
    assertEquals(new String(body, StandardCharsets.UTF_8), new String(out, StandardCharsets.UTF_8));
    byte[] chunked = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals("hello world", new String(HttpBodyDecoder.decode(chunked, chunked.length, "chunked", null, 100)
        .data(), StandardCharsets.US_ASCII));
  }
}

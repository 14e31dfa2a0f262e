package kiln.jobs.ingest.web;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Writes HTML pages as a gzip-per-record WARC (a warcinfo record, then one {@code response} per page, each with an
 * HTTP/1.1 200 {@code text/html; charset=utf-8} message). Output bytes depend only on the arguments: record ids
 * are name-based UUIDs of the url and index, and every record carries the given date.
 */
public final class WarcPageWriter {
  private WarcPageWriter() {}

  /** One page: its url and its HTML. */
  public record Page(String url, String html) {}

  public static void write(Path warcGz, List<Page> pages, Instant date) throws IOException {
    try (FileChannel ch = FileChannel.open(warcGz, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
         WarcWriter w = new WarcWriter(ch, WarcCompression.GZIP)) {
      w.write(new Warcinfo.Builder()
          .recordId(uuid("warcinfo:" + warcGz.getFileName()))
          .date(date)
          .filename(warcGz.getFileName().toString())
          .fields(java.util.Map.of("software", List.of("kiln WarcPageWriter")))
          .build());
      int i = 0;
      for (Page p : pages) {
        byte[] body = p.html().getBytes(StandardCharsets.UTF_8);
        HttpResponse http = new HttpResponse.Builder(200, "OK")
            .body(MediaType.parse("text/html; charset=utf-8"), body)
            .build();
        w.write(new WarcResponse.Builder(URI.create(p.url()))
            .recordId(uuid(i++ + ":" + p.url()))
            .date(date)
            .body(http)
            .build());
      }
    }
  }

  private static UUID uuid(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }
}

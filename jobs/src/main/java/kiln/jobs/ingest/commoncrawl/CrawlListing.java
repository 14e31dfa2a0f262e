package kiln.jobs.ingest.commoncrawl;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;

/**
 * The files of a crawl: the lines of its {@code warc.paths.gz} / {@code wet.paths.gz} (or of a user listing),
 * in listing order, duplicates dropped, cut to the first N segments when asked.
 */
public final class CrawlListing {
  private CrawlListing() {}

  /** Loads the listing on the driver; the crawl's own listing is fetched with the same retries as the data. */
  public static List<String> load(CommonCrawlOptions o, Fetcher fetcher, Configuration conf) {
    byte[] raw;
    try {
      if (o.listing() != null) {
        raw = readAll(o.listing(), conf);
      } else {
        Path spool = Files.createTempFile("kiln-cc-listing-", ".gz");
        try {
          fetcher.fetch(o.listingPath(), spool);
          raw = Files.readAllBytes(spool);
        } finally {
          Files.deleteIfExists(spool);
        }
      }
    } catch (Fetcher.FetchFailedException e) {
      throw new IllegalStateException("cannot fetch the listing " + fetcher.location(o.listingPath()) + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the listing " + (o.listing() != null ? o.listing()
          : fetcher.location(o.listingPath())), e);
    }
    return select(parse(raw, o.listing() != null ? o.listing() : o.listingPath()), o.segments());
  }

  private static byte[] readAll(String listing, Configuration conf) throws IOException {
    if (!listing.contains("://")) {
      return Files.readAllBytes(Path.of(listing));
    }
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(listing);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return in.readAllBytes();
    }
  }

  /** Lines of a plain or gzip listing; blank lines and {@code #} comments skipped, duplicates dropped. */
  static List<String> parse(byte[] raw, String origin) {
    Set<String> out = new LinkedHashSet<>();
    boolean gz = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
    try (InputStream in = gz ? new GZIPInputStream(new ByteArrayInputStream(raw)) : new ByteArrayInputStream(raw);
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        if (s.contains("://") || s.startsWith("/") || s.contains("\\") || ("/" + s + "/").contains("/../")
            || ("/" + s + "/").contains("/./")) {
          throw new IllegalArgumentException(origin + " line " + n + ": '" + s
              + "' is not a path relative to the base");
        }
        out.add(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the listing " + origin, e);
    }
    return new ArrayList<>(out);
  }

  /** The files of the first {@code segments} segments, in listing order; 0 = all. */
  static List<String> select(List<String> files, int segments) {
    if (segments <= 0) {
      return files;
    }
    Set<String> seen = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    for (String f : files) {
      String seg = segmentOf(f);
      if (!seen.contains(seg)) {
        if (seen.size() == segments) {
          continue;
        }
        seen.add(seg);
      }
      out.add(f);
    }
    return out;
  }

  /** {@code crawl-data/CC-MAIN-2024-22/segments/1715971057216.39/warc/x.warc.gz} -> {@code .../segments/1715971057216.39};
   * a path without {@code segments/} is its own folder. */
  static String segmentOf(String path) {
    int i = path.indexOf("/segments/");
    int from = i >= 0 ? i + "/segments/".length() : (path.startsWith("segments/") ? "segments/".length() : -1);
    if (from >= 0) {
      int end = path.indexOf('/', from);
      return end < 0 ? path : path.substring(0, end);
    }
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}

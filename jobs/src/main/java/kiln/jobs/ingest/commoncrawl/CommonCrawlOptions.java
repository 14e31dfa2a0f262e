package kiln.jobs.ingest.commoncrawl;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import kiln.core.config.ConfigNode;

/**
 * What to fetch from a Common Crawl crawl, read from the ingest config (docs/ingest.md):
 * {@code commoncrawl} (crawl id), {@code base}, {@code segments}, {@code listing}, {@code attempts},
 * {@code backoff_ms}, {@code max_backoff_ms}, {@code read_timeout_ms}, {@code batch_files}.
 *
 * @param crawl crawl id, e.g. {@code CC-MAIN-2024-22}
 * @param kind {@code warc} or {@code wet}: which listing ({@code warc.paths.gz} / {@code wet.paths.gz})
 * @param base URL or Hadoop URI the listed paths are relative to
 * @param segments read the files of the first N segments of the listing; 0 = all
 * @param listing a local or Hadoop listing file used instead of the crawl's own; null = the crawl's
 * @param batchFiles files per committed batch; 0 = four per Spark core (at least 16)
 */
public record CommonCrawlOptions(String crawl, String kind, String base, int segments, String listing,
                                 RetryPolicy retry, long readTimeoutMs, int batchFiles) implements Serializable {
  public static final String DEFAULT_BASE = "https://data.commoncrawl.org/";
  public static final long DEFAULT_READ_TIMEOUT_MS = 60_000;

  /** The key whose presence makes an ingest input a Common Crawl one. */
  public static final String KEY = "commoncrawl";

  public static CommonCrawlOptions fromConfig(ConfigNode cfg, String format) {
    String crawl = cfg.string(KEY);
    if (!crawl.matches("CC-MAIN-\\d{4}-\\d{2}")) {
      throw cfg.error(KEY, "must be a crawl id like CC-MAIN-2024-22, got '" + crawl + "'");
    }
    if (!format.equals("warc") && !format.equals("wet")) {
      throw cfg.error("format", "must be warc or wet with commoncrawl, got " + format);
    }
    String base = cfg.string("base", DEFAULT_BASE);
    if (!base.matches("[A-Za-z][A-Za-z0-9+.\\-]*://.*")) {
      throw cfg.error("base", "must be a URL or Hadoop URI (https://..., s3a://..., file://...), got '" + base + "'");
    }
    int segments = (int) cfg.integer("segments", 0, 0, Integer.MAX_VALUE);
    String listing = cfg.string("listing", null);
    if (listing != null && !listing.contains("://") && !Files.isRegularFile(Path.of(listing))) {
      throw cfg.error("listing", "'" + listing + "' does not exist");
    }
    int attempts = (int) cfg.integer("attempts", RetryPolicy.DEFAULT_ATTEMPTS, 1, 1000);
    long backoff = cfg.integer("backoff_ms", RetryPolicy.DEFAULT_BACKOFF_MS, 0, 3_600_000);
    long maxBackoff = cfg.integer("max_backoff_ms", Math.max(backoff, RetryPolicy.DEFAULT_MAX_BACKOFF_MS), 0,
        3_600_000);
    if (maxBackoff < backoff) {
      throw cfg.error("max_backoff_ms", "must be >= backoff_ms (" + backoff + "), got " + maxBackoff);
    }
    long readTimeout = cfg.integer("read_timeout_ms", DEFAULT_READ_TIMEOUT_MS, 1, 3_600_000);
    int batch = (int) cfg.integer("batch_files", 0, 0, 1_000_000);
    return new CommonCrawlOptions(crawl, format, base, segments, listing,
        new RetryPolicy(attempts, backoff, maxBackoff), readTimeout, batch);
  }

  /** The crawl's listing, relative to {@link #base()}. */
  public String listingPath() {
    return "crawl-data/" + crawl + "/" + kind + ".paths.gz";
  }
}

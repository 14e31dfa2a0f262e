package kiln.jobs.ingest.web;

import java.io.Serializable;

/**
 * Limits for web records.
 *
 * @param maxRecordBytes payloads longer than this (bytes, after transfer/content decoding) are rejected
 *     {@code ingest:too_large} without being parsed
 * @param timeoutMillis wall-clock budget of main-text extraction per page ({@code ingest:timeout})
 * @param extract false keeps the full page text (every block) instead of the main content
 */
public record WebOptions(long maxRecordBytes, long timeoutMillis, boolean extract) implements Serializable {
  public static final long DEFAULT_MAX_RECORD_BYTES = 10L << 20;

  public WebOptions {
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("maxRecordBytes must be > 0, got " + maxRecordBytes);
    }
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("timeoutMillis must be > 0, got " + timeoutMillis);
    }
  }

  public static WebOptions defaults() {
    return new WebOptions(DEFAULT_MAX_RECORD_BYTES, MainTextExtractor.DEFAULT_TIMEOUT_MILLIS, true);
  }
}

package kiln.jobs.ingest;

import kiln.core.Reasons;

/** Every reason ingest gives for a rejected record ({@code ingest:<rule>}); docs/ingest.md explains each. */
public final class IngestReasons {
  private IngestReasons() {}

  public static final String FILTER = "ingest";

  /** A gzip stream ended early or a member was corrupt; the rest of the file (up to the next member) is lost. */
  public static final String TRUNCATED_GZIP = Reasons.of(FILTER, "truncated_gzip");
  /** A WARC/ARC record whose headers or HTTP block cannot be parsed. */
  public static final String MALFORMED_RECORD = Reasons.of(FILTER, "malformed_record");
  /** A record that is not a capture of content (request, metadata, warcinfo, continuation...). */
  public static final String RECORD_TYPE = Reasons.of(FILTER, "record_type");
  public static final String REVISIT = Reasons.of(FILTER, "revisit");
  /** A body whose chunked transfer encoding or content encoding (gzip, brotli...) cannot be decoded. */
  public static final String BAD_ENCODING = Reasons.of(FILTER, "bad_encoding");
  public static final String HTTP_STATUS = Reasons.of(FILTER, "http_status");
  /** A payload that is not HTML or text (PDF, images, scripts...). */
  public static final String NON_HTML = Reasons.of(FILTER, "non_html");
  /** Main-content extraction found no text. */
  public static final String NO_TEXT = Reasons.of(FILTER, "no_text");
  public static final String EMPTY = Reasons.of(FILTER, "empty");
  public static final String BINARY = Reasons.of(FILTER, "binary");
  public static final String TOO_LARGE = Reasons.of(FILTER, "too_large");
  public static final String TIMEOUT = Reasons.of(FILTER, "timeout");
  public static final String VENDORED = Reasons.of(FILTER, "vendored");
  public static final String GENERATED = Reasons.of(FILTER, "generated");
  public static final String MINIFIED = Reasons.of(FILTER, "minified");
  /** A file whose language Kiln does not know (not a source file). */
  public static final String NOT_SOURCE = Reasons.of(FILTER, "not_source");
  public static final String PATH_TRAVERSAL = Reasons.of(FILTER, "path_traversal");
  public static final String ZIP_BOMB = Reasons.of(FILTER, "zip_bomb");
  public static final String TOO_MANY_ENTRIES = Reasons.of(FILTER, "too_many_entries");
  /** An archive or file that cannot be opened or read at all. */
  public static final String UNREADABLE = Reasons.of(FILTER, "unreadable");
  /** A Common Crawl file that could not be fetched after every retry; a rerun with the same output fetches it. */
  public static final String FETCH_FAILED = Reasons.of(FILTER, "fetch_failed");
  /** A JSONL line that is not a JSON object or lacks the text field. */
  public static final String BAD_JSON = Reasons.of(FILTER, "bad_json");
  /** A Gutenberg file without START/END markers. */
  public static final String NO_MARKERS = Reasons.of(FILTER, "no_markers");
}

package kiln.jobs.ingest.web;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipException;
import kiln.core.Document;
import kiln.jobs.ingest.AbstractIngestReader;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.InputFile;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.LimitedInput;
import kiln.jobs.ingest.TextBytes;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.ParsingException;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * Reads the records of a WARC, ARC or WET file (plain or gzip-per-record) that start in the byte range
 * {@code [start, end)}, one {@link IngestRecord} per record.
 *
 * <p>HTML responses (and HTML/plain resources) become documents through {@link HtmlPageConverter}; WET conversion
 * records are taken as they are. Every other record is a rejection: {@code ingest:record_type} (request, metadata,
 * warcinfo), {@code ingest:revisit}, {@code ingest:http_status} (status other than 200), {@code ingest:non_html},
 * {@code ingest:too_large}. A parse failure yields one {@code ingest:truncated_gzip} or
 * {@code ingest:malformed_record} row at the failing offset, then reading resumes at the next record boundary
 * (next gzip member, or next {@code WARC/1.} line in a plain file) or stops if there is none.
 */
public final class WarcFileReader extends AbstractIngestReader {
  private final InputFile path;
  private final String name;
  private final String source;
  private final long start;
  private final long end;
  private final WebOptions options;
  private final HtmlPageConverter converter;
  private final boolean gzip;
  private FileChannel channel;
  private WarcReader reader;
  private long lastStart = -1;
  private long resumeFrom;
  private boolean finished;
  /** Index of the current record inside its gzip member (files compressed as one stream). */
  private int inMember;

  /** Reads the whole file. */
  public WarcFileReader(Path path, String name, String source, WebOptions options) {
    this(path, name, source, 0, Long.MAX_VALUE, options);
  }

  /**
   * @param name the file's name relative to its input root, used in ids and in {@code meta.file}
   * @param start first byte of the range; records (gzip members) starting before it belong to another range
   * @param end records starting at or after it belong to another range
   */
  public WarcFileReader(Path path, String name, String source, long start, long end, WebOptions options) {
    this(InputFile.local(path), name, source, start, end, options);
  }

  /** As above, for a file on any Hadoop file system. */
  public WarcFileReader(InputFile path, String name, String source, long start, long end, WebOptions options) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }
    this.path = path;
    this.name = name;
    this.source = source;
    this.start = start;
    this.end = end;
    this.options = options;
    this.converter = new HtmlPageConverter(options);
    this.gzip = isGzip(path);
    this.resumeFrom = start;
  }

  private static boolean isGzip(InputFile p) {
    try (FileChannel ch = p.channel()) {
      ByteBuffer b = ByteBuffer.allocate(2);
      ch.read(b, 0);
      return b.position() == 2 && (b.get(0) & 0xff) == 0x1f && (b.get(1) & 0xff) == 0x8b;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  protected IngestRecord computeNext() {
    while (!finished) {
      if (reader == null) {
        IngestRecord err = open();
        if (err != null) {
          return err;
        }
        if (reader == null) {
          finished = true;
          break;
        }
      }
      try {
        Optional<WarcRecord> next = reader.next();
        if (next.isEmpty()) {
          finished = true;
          break;
        }
        long pos = reader.position();
        if (pos >= end || (lastStart >= 0 && pos <= lastStart && !gzipSingleMember(pos))) {
          finished = true;
          break;
        }
        inMember = pos == lastStart ? inMember + 1 : 0;
        lastStart = pos;
        IngestRecord r = convert(next.get(), pos);
        return inMember == 0 ? r : nthInMember(r, pos, inMember);
      } catch (IOException | RuntimeException e) {
        return failure(e);
      }
    }
    return null;
  }

  /** In a file that is one gzip stream, jwarc reports the member offset for every record it holds. */
  private boolean gzipSingleMember(long pos) {
    return gzip && pos == lastStart;
  }

  private IngestRecord open() {
    try {
      if (channel == null) {
        channel = path.channel();
      }
      long at = resumeFrom;
      if (start == 0 && at == 0 && channel.size() == 0) {
        finished = true;
        return reject(0, IngestReasons.EMPTY, "", new TreeMap<>());
      }
      if (at > 0 && at == start && gzip) {
        at = GzipMembers.nextMemberStart(channel, start, end);
      } else if (at > 0 && at == start) {
        at = nextPlainRecord(channel, start - 1, end);
      }
      if (at < 0 || at >= end || at >= channel.size()) {
        return null;
      }
      channel.position(at);
      reader = new WarcReader(channel);
      reader.setLenient(true);
      reader.onWarning(w -> { });
      return null;
    } catch (IOException | RuntimeException e) {
      finished = true;
      return reject(resumeFrom, IngestReasons.UNREADABLE, e.toString(), null);
    }
  }

  /**
   * After a parse failure: if a record was read since the last (re)start, the failure may be that record's tail
   * (a wrong Content-Length), so resume at the next record boundary without blaming anyone. If the failure happened
   * right at a (re)start, that record is broken: one rejected row, then resume after it. No boundary left: one
   * rejected row for the unreadable tail of the file.
   */
  private IngestRecord failure(Throwable e) {
    String msg = String.valueOf(e.getMessage());
    String reason = e instanceof ZipException || (gzip && (e instanceof EOFException
        || msg.contains("gzip") || msg.contains("Unexpected end") || msg.contains("truncated")))
        ? IngestReasons.TRUNCATED_GZIP : IngestReasons.MALFORMED_RECORD;
    closeReader();
    long failedAt;
    long next;
    try {
      if (lastStart >= 0) {
        next = nextBoundary(lastStart + 1, end);
        if (next >= 0) {
          resumeFrom = next;
          lastStart = -1;
          return computeNext();
        }
        failedAt = lastStart;
      } else {
        failedAt = resumeFrom;
        next = nextBoundary(resumeFrom + 1, end);
      }
    } catch (IOException io) {
      failedAt = Math.max(lastStart, resumeFrom);
      next = -1;
    }
    if (next < 0) {
      finished = true;
    } else {
      resumeFrom = next;
      lastStart = -1;
    }
    Map<String, String> meta = new TreeMap<>();
    meta.put("error", e.getClass().getSimpleName());
    IngestRecord r = reject(failedAt, reason, msg, meta);
    // Distinct from the id of a record read at the same offset (one-member files, tails).
    Document d = r.doc();
    return new IngestRecord(new Document(Document.idFor(source, name + "@" + failedAt + "!error"), d.source(),
        d.kind(), d.url(), d.text(), d.lang(), d.meta()), r.reason());
  }

  private long nextBoundary(long from, long limit) throws IOException {
    return gzip ? GzipMembers.nextMemberStart(channel, from, limit) : nextPlainRecord(channel, from - 1, limit);
  }

  /** Offset of the next line starting {@code WARC/1.} strictly after {@code after}, or -1. */
  static long nextPlainRecord(FileChannel ch, long after, long limit) throws IOException {
    byte[] pat = "\nWARC/1.".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    long base = after;
    long size = ch.size();
    while (base < Math.min(size, limit)) {
      buf.clear();
      int n = ch.read(buf, base);
      if (n <= 0) {
        return -1;
      }
      byte[] b = buf.array();
      for (int i = 0; i + pat.length <= n; i++) {
        int k = 0;
        while (k < pat.length && b[i + k] == pat[k]) {
          k++;
        }
        if (k == pat.length) {
          long at = base + i + 1;
          return at > after && at < limit ? at : -1;
        }
      }
      if (n < pat.length) {
        return -1;
      }
      base += n - pat.length + 1;
    }
    return -1;
  }

  private IngestRecord convert(WarcRecord rec, long pos) throws IOException {
    Map<String, String> meta = new TreeMap<>();
    meta.put("record_type", rec.type());
    rec.headers().first("WARC-Record-ID").ifPresent(id -> meta.put("warc_record_id", id.replaceAll("^<|>$", "")));
    try {
      if (rec.date() != null) {
        meta.put("crawl_date", rec.date().toString());
      }
    } catch (RuntimeException e) {
      // A malformed WARC-Date (truncated, ClueWeb's day 294) leaves crawl_date out; the raw value is kept.
      rec.headers().first("WARC-Date").ifPresent(v -> meta.put("crawl_date_raw", v));
    }
    String url = null;
    if (rec instanceof WarcTargetRecord t) {
      url = t.target();
      if (url != null) {
        meta.put("url", url);
      }
    }
    if (rec instanceof WarcRevisit) {
      return reject(pos, IngestReasons.REVISIT, "", url, meta);
    }
    if (rec instanceof WarcConversion conv) {
      return conversion(conv, pos, url, meta);
    }
    String contentType;
    MessageBody body;
    String transferEncoding = null;
    String contentEncoding = null;
    if (rec instanceof WarcResponse && url != null && url.startsWith("dns:")) {
      return reject(pos, IngestReasons.RECORD_TYPE, "", url, meta);
    }
    if (rec instanceof WarcResponse resp) {
      HttpResponse http;
      try {
        http = resp.http();
      } catch (IOException | RuntimeException e) {
        return reject(pos, IngestReasons.MALFORMED_RECORD, String.valueOf(e.getMessage()), url, meta);
      }
      meta.put("http_status", Integer.toString(http.status()));
      contentType = http.headers().first("Content-Type").orElse("");
      meta.put("content_type", contentType);
      if (http.status() != 200) {
        return reject(pos, IngestReasons.HTTP_STATUS, "", url, meta);
      }
      body = http.body();
      transferEncoding = http.headers().first("Transfer-Encoding").orElse(null);
      contentEncoding = http.headers().first("Content-Encoding").orElse(null);
    } else if (rec instanceof WarcResource res) {
      contentType = res.contentType() == null ? "" : res.contentType().toString();
      meta.put("content_type", contentType);
      body = res.body();
      if (HtmlPageConverter.kindOf(contentType, new byte[0], 0) == null) {
        return reject(pos, IngestReasons.NON_HTML, "", url, meta);
      }
    } else {
      return reject(pos, IngestReasons.RECORD_TYPE, "", url, meta);
    }
    if (contentType.isEmpty() || HtmlPageConverter.kindOf(contentType, new byte[0], 0) != null
        || contentType.toLowerCase(java.util.Locale.ROOT).contains("octet-stream")) {
      LimitedInput.Bytes bytes;
      try (InputStream in = body.stream()) {
        // Raw bodies may be chunked or compressed: allow for the framing before the limit applies.
        LimitedInput.Bytes raw = LimitedInput.read(in, options.maxRecordBytes() * 2, sizeHint(body));
        bytes = HttpBodyDecoder.decode(raw.data(), raw.length(), transferEncoding, contentEncoding,
            options.maxRecordBytes());
        if (raw.overLimit()) {
          bytes = new LimitedInput.Bytes(bytes.data(), bytes.length(), true);
        }
      } catch (IOException | RuntimeException e) {
        return reject(pos, IngestReasons.BAD_ENCODING, String.valueOf(e.getMessage()), url, meta);
      }
      if (bytes.overLimit()) {
        return reject(pos, IngestReasons.TOO_LARGE, "", url, meta);
      }
      HtmlPageConverter.Converted c = converter.convert(bytes.data(), bytes.length(), contentType, url);
      meta.putAll(c.meta());
      if (c.reason() != null) {
        return reject(pos, c.reason(), "", url, meta);
      }
      return kept(pos, url, c.text(), meta);
    }
    return reject(pos, IngestReasons.NON_HTML, "", url, meta);
  }

  /** The body's declared length when it is sane, so reading it does not grow an array step by step. */
  private long sizeHint(MessageBody body) {
    try {
      long n = body.size();
      return n > 0 && n <= options.maxRecordBytes() * 2 ? n : 8192;
    } catch (IOException | RuntimeException e) {
      return 8192;
    }
  }

  private IngestRecord conversion(WarcConversion conv, long pos, String url, Map<String, String> meta)
      throws IOException {
    LimitedInput.Bytes bytes;
    try (InputStream in = conv.body().stream()) {
      bytes = LimitedInput.read(in, options.maxRecordBytes());
    }
    meta.put("content_type", conv.contentType() == null ? "" : conv.contentType().toString());
    if (bytes.overLimit()) {
      return reject(pos, IngestReasons.TOO_LARGE, "", url, meta);
    }
    if (TextBytes.looksBinary(bytes.data(), bytes.length())) {
      return reject(pos, IngestReasons.BINARY, "", url, meta);
    }
    String text = TextBytes.unixLines(new String(bytes.data(), 0, bytes.length(), StandardCharsets.UTF_8)).strip();
    if (text.isEmpty()) {
      return reject(pos, IngestReasons.EMPTY, "", url, meta);
    }
    return kept(pos, url, text, meta);
  }

  private IngestRecord kept(long pos, String url, String text, Map<String, String> meta) {
    meta.put("file", name);
    meta.put("offset", Long.toString(pos));
    String id = Document.idFor(source, name + "@" + pos);
    return IngestRecord.kept(new Document(id, source, Document.Kind.WEB, url, text, null, meta));
  }

  private IngestRecord reject(long pos, String reason, String excerpt, String url, Map<String, String> meta) {
    return IngestRecord.rejected(source, Document.Kind.WEB, name, Long.toString(pos), url, reason, excerpt, meta);
  }

  private IngestRecord reject(long pos, String reason, String excerpt, Map<String, String> meta) {
    return reject(pos, reason, excerpt, null, meta);
  }

  /** Records sharing one gzip member share its offset: the k-th gets locator {@code file@offset#k}. */
  private IngestRecord nthInMember(IngestRecord r, long pos, int k) {
    Document d = r.doc();
    Map<String, String> meta = new TreeMap<>(d.meta());
    meta.put("record_in_member", Integer.toString(k));
    return new IngestRecord(new Document(Document.idFor(source, name + "@" + pos + "#" + k), d.source(), d.kind(),
        d.url(), d.text(), d.lang(), meta), r.reason());
  }

  private void closeReader() {
    // Not reader.close(): that would close the shared file channel, which the resync still needs.
    reader = null;
  }

  @Override
  public void close() {
    reader = null;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Read-only channel: nothing to flush.
      }
      channel = null;
    }
  }
}

package kiln.jobs.ingest.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.jobs.ingest.AbstractIngestReader;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.InputFile;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.LimitedInput;

/**
 * Internet Archive ARC files (v1 and v2, plain or gzip-per-record), which jwarc does not read.
 *
 * <p>A record is a header line {@code URL IP DATE CONTENT-TYPE [v2 fields] LENGTH} followed by LENGTH bytes (the
 * HTTP response) and a newline. Fields are taken from the right, so URLs with spaces survive. The first record
 * ({@code filedesc://}) describes the file and is rejected {@code ingest:record_type}, like non-HTTP records
 * ({@code dns:}). HTTP records go through {@link HtmlPageConverter} as WARC responses do; meta
 * {@code record_type=response}. A header line that does not parse is {@code ingest:malformed_record}; in a gzip
 * file reading resumes at the next member, in a plain file it stops.
 */
public final class ArcFileReader extends AbstractIngestReader {
  private static final DateTimeFormatter ARC_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

  private final InputFile path;
  private final String name;
  private final String source;
  private final long start;
  private final long end;
  private final WebOptions options;
  private final HtmlPageConverter converter;
  private FileChannel channel;
  private boolean gzip;
  private long memberAt = -1;
  private final Deque<IngestRecord> queue = new ArrayDeque<>();
  private InputStream plain;
  private long plainPos;
  private boolean finished;
  private String pendingLine;
  private static final java.util.regex.Pattern ARC_HEADER =
      java.util.regex.Pattern.compile("^\\S*:\\S*( \\S+){3,}\\s*$");

  public ArcFileReader(Path path, String name, String source, long start, long end, WebOptions options) {
    this(InputFile.local(path), name, source, start, end, options);
  }

  /** As above, for a file on any Hadoop file system. */
  public ArcFileReader(InputFile path, String name, String source, long start, long end, WebOptions options) {
    this.path = path;
    this.name = name;
    this.source = source;
    this.start = start;
    this.end = end;
    this.options = options;
    this.converter = new HtmlPageConverter(options);
  }

  public static boolean isArc(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".arc") || n.endsWith(".arc.gz");
  }

  @Override
  protected IngestRecord computeNext() {
    while (queue.isEmpty() && !finished) {
      try {
        if (channel == null) {
          channel = path.channel();
          if (start == 0 && channel.size() == 0) {
            finished = true;
            queue.add(reject(0, "", IngestReasons.EMPTY, "", null, new TreeMap<>()));
            break;
          }
          ByteBuffer magic = ByteBuffer.allocate(2);
          channel.read(magic, 0);
          gzip = magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
          if (gzip) {
            memberAt = start == 0 ? 0 : GzipMembers.nextMemberStart(channel, start, end);
          } else if (start > 0) {
            finished = true; // plain ARC files are never split
            break;
          } else {
            plain = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
          }
        }
        if (gzip) {
          nextMember();
        } else {
          nextPlain();
        }
      } catch (IOException | RuntimeException e) {
        finished = true;
        queue.add(reject(gzip ? Math.max(memberAt, 0) : plainPos, "!error", IngestReasons.MALFORMED_RECORD,
            String.valueOf(e.getMessage()), null, new TreeMap<>()));
      }
    }
    return queue.poll();
  }

  private void nextMember() throws IOException {
    if (memberAt < 0 || memberAt >= end || memberAt >= channel.size()) {
      finished = true;
      return;
    }
    long at = memberAt;
    GzipMember.Member m = GzipMember.read(channel, at, options.maxRecordBytes() + 4096);
    memberAt = m.next();
    if (m.truncated()) {
      long resume = GzipMembers.nextMemberStart(channel, at + 1, end);
      memberAt = resume;
      if (m.data().length == 0) {
        queue.add(reject(at, "!error", IngestReasons.TRUNCATED_GZIP, "", null, new TreeMap<>()));
        return;
      }
    }
    InputStream in = new ByteArrayInputStream(m.data());
    int k = 0;
    while (true) {
      long[] consumed = new long[1];
      IngestRecord r = readRecord(in, at, k == 0 ? "" : "#" + k, consumed, m.overLimit());
      if (r == null) {
        break;
      }
      queue.add(r);
      k++;
    }
    if (k == 0 && m.truncated()) {
      queue.add(reject(at, "!error", IngestReasons.TRUNCATED_GZIP, "", null, new TreeMap<>()));
    }
  }

  private void nextPlain() throws IOException {
    long at = plainPos;
    long[] consumed = new long[1];
    IngestRecord r = readRecord(plain, at, "", consumed, false);
    plainPos += consumed[0];
    if (r == null) {
      finished = true;
    } else {
      queue.add(r);
    }
  }

  /** Reads one record from {@code in}; null at a clean end. {@code consumed[0]} gets the bytes read. */
  private IngestRecord readRecord(InputStream in, long at, String suffix, long[] consumed, boolean clipped)
      throws IOException {
    String line;
    if (pendingLine != null) {
      line = pendingLine;
      pendingLine = null;
    } else {
      do {
        line = readLine(in, consumed);
        if (line == null) {
          return null;
        }
      } while (line.isBlank());
    }
    long recordAt = at + (gzip ? 0 : consumed[0] - line.length() - 1);
    if (!ARC_HEADER.matcher(line).find()) {
      // Garbage between records: skip to the next header-like line, one row for the skipped bytes.
      String next;
      while ((next = readLine(in, consumed)) != null && !ARC_HEADER.matcher(next).find()) {
        // skipping
      }
      pendingLine = next;
      Map<String, String> meta = new TreeMap<>();
      meta.put("error", "not an ARC record header");
      return reject(recordAt, suffix + "!error", IngestReasons.MALFORMED_RECORD, line, null, meta);
    }
    String[] f = line.strip().split(" ");
    if (!f[f.length - 1].matches("\\d{1,12}")) {
      Map<String, String> meta = new TreeMap<>();
      meta.put("record_type", f[0].startsWith("filedesc:") ? "warcinfo" : "response");
      meta.put("url", f[0]);
      meta.put("error", "bad ARC record length");
      return reject(recordAt, suffix, IngestReasons.MALFORMED_RECORD, line, f[0], meta);
    }
    long len = Long.parseLong(f[f.length - 1]);
    int date = -1;
    for (int i = 1; i < f.length - 2; i++) {
      if (f[i].matches("\\d{14}")) {
        date = i;
        break;
      }
    }
    String url = String.join(" ", Arrays.copyOfRange(f, 0, Math.max(1, date - 1)));
    String contentType = date >= 0 && date + 1 < f.length - 1 ? f[date + 1] : "";
    LimitedInput.Bytes block = LimitedInput.read(new BoundedStream(in, len), options.maxRecordBytes());
    consumed[0] += block.length();
    if (block.overLimit()) {
      // LimitedInput read one byte past the limit to notice it.
      consumed[0] += 1 + skip(in, len - block.length() - 1);
    }
    Map<String, String> meta = new TreeMap<>();
    meta.put("record_type", url.startsWith("filedesc:") ? "warcinfo" : "response");
    meta.put("url", url);
    if (date >= 0) {
      try {
        meta.put("crawl_date", LocalDateTime.parse(f[date], ARC_DATE).toInstant(ZoneOffset.UTC).toString());
      } catch (RuntimeException e) {
        // A malformed date leaves crawl_date out.
      }
    }
    if (block.length() < len && !block.overLimit()) {
      meta.put("error", "clipped block");
      return reject(recordAt, suffix, IngestReasons.TRUNCATED_GZIP, "", url, meta);
    }
    if (url.startsWith("filedesc:") || !(url.startsWith("http:") || url.startsWith("https:"))) {
      return reject(recordAt, suffix, IngestReasons.RECORD_TYPE, "", url, meta);
    }
    if (block.overLimit() || clipped) {
      return reject(recordAt, suffix, IngestReasons.TOO_LARGE, "", url, meta);
    }
    int[] bodyStart = new int[1];
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int status = parseHttpHead(block.data(), block.length(), headers, bodyStart);
    if (status < 0) {
      return reject(recordAt, suffix, IngestReasons.MALFORMED_RECORD, "bad HTTP status line", url, meta);
    }
    meta.put("http_status", Integer.toString(status));
    String ct = headers.getOrDefault("Content-Type", contentType);
    meta.put("content_type", ct);
    if (status != 200) {
      return reject(recordAt, suffix, IngestReasons.HTTP_STATUS, "", url, meta);
    }
    if (HtmlPageConverter.kindOf(ct, new byte[0], 0) == null && !ct.isEmpty()
        && !ct.toLowerCase(Locale.ROOT).contains("octet-stream")) {
      return reject(recordAt, suffix, IngestReasons.NON_HTML, "", url, meta);
    }
    LimitedInput.Bytes body;
    try {
      body = HttpBodyDecoder.decode(Arrays.copyOfRange(block.data(), bodyStart[0], block.length()),
          block.length() - bodyStart[0], headers.get("Transfer-Encoding"), headers.get("Content-Encoding"),
          options.maxRecordBytes());
    } catch (IOException | RuntimeException e) {
      return reject(recordAt, suffix, IngestReasons.BAD_ENCODING, String.valueOf(e.getMessage()), url, meta);
    }
    HtmlPageConverter.Converted c = converter.convert(body.data(), body.length(), ct, url);
    meta.putAll(c.meta());
    if (c.reason() != null) {
      return reject(recordAt, suffix, c.reason(), "", url, meta);
    }
    meta.put("file", name);
    meta.put("offset", Long.toString(recordAt));
    return IngestRecord.kept(new Document(Document.idFor(source, name + "@" + recordAt + suffix), source,
        Document.Kind.WEB, url, c.text(), null, meta));
  }

  /** Status code (-1 if the status line is not HTTP); fills headers and the body offset. */
  static int parseHttpHead(byte[] b, int len, Map<String, String> headers, int[] bodyStart) {
    int p = 0;
    int status = -1;
    boolean first = true;
    while (p < len) {
      int eol = p;
      while (eol < len && b[eol] != '\n') {
        eol++;
      }
      String line = new String(b, p, eol - p, StandardCharsets.ISO_8859_1).strip();
      p = Math.min(len, eol + 1);
      if (first) {
        first = false;
        String[] f = line.split("\\s+");
        if (f.length < 2 || !f[0].startsWith("HTTP/") || !f[1].matches("\\d{3}")) {
          return -1;
        }
        status = Integer.parseInt(f[1]);
        continue;
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    bodyStart[0] = p;
    return status;
  }

  private static long skip(InputStream in, long n) throws IOException {
    long done = 0;
    while (done < n) {
      long k = in.skip(n - done);
      if (k <= 0) {
        break;
      }
      done += k;
    }
    return done;
  }

  private static String readLine(InputStream in, long[] consumed) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      consumed[0]++;
      if (c == '\n') {
        return sb.toString();
      }
      if (sb.length() < 8192) {
        sb.append((char) c);
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private IngestRecord reject(long at, String suffix, String reason, String excerpt, String url,
                              Map<String, String> meta) {
    IngestRecord r = IngestRecord.rejected(source, Document.Kind.WEB, name, Long.toString(at), url, reason, excerpt,
        meta);
    if (suffix.isEmpty()) {
      return r;
    }
    Document d = r.doc();
    return new IngestRecord(new Document(Document.idFor(source, name + "@" + at + suffix), d.source(), d.kind(),
        d.url(), d.text(), d.lang(), d.meta()), reason);
  }

  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // Read-only.
    }
    channel = null;
  }

  /** At most {@code limit} bytes of the underlying stream, without closing it. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedStream(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int c = in.read();
      if (c >= 0) {
        left--;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  static String ascii(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}

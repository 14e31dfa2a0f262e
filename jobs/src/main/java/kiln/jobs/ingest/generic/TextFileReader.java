package kiln.jobs.ingest.generic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.jobs.ingest.FileBytes;
import kiln.jobs.ingest.InputFile;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.LimitedInput;
import kiln.jobs.ingest.TextBytes;

/**
 * One plain-text file (optionally .gz) to one document. Rejected: {@code ingest:empty} (no non-blank text),
 * {@code ingest:binary} (NUL bytes, or not valid UTF-8 and more than {@link #MAX_CONTROL_SHARE} control bytes when
 * read as windows-1252), {@code ingest:too_large}, {@code ingest:unreadable}. Text that is not valid UTF-8 but
 * looks like text is decoded as windows-1252 (meta {@code charset}).
 */
public final class TextFileReader {
  private TextFileReader() {}

  /** Share of C0 control bytes (other than tab, CR, LF, FF) above which a non-UTF-8 file counts as binary. */
  public static final double MAX_CONTROL_SHARE = 0.01;

  public static IngestRecord read(Path file, String name, String source, Document.Kind kind, long maxBytes) {
    return read(InputFile.local(file), name, source, kind, maxBytes);
  }

  public static IngestRecord read(InputFile file, String name, String source, Document.Kind kind, long maxBytes) {
    LimitedInput.Bytes b;
    try {
      b = FileBytes.read(file, maxBytes);
    } catch (IOException | RuntimeException e) {
      return reject(name, source, kind, IngestReasons.UNREADABLE, e.toString());
    }
    if (b.overLimit()) {
      return reject(name, source, kind, IngestReasons.TOO_LARGE, "");
    }
    Decoded d = decode(b.data(), b.length());
    if (d.reason != null) {
      return reject(name, source, kind, d.reason, "");
    }
    String text = TextBytes.unixLines(d.text).strip();
    if (text.isEmpty()) {
      return reject(name, source, kind, IngestReasons.EMPTY, "");
    }
    Map<String, String> meta = new TreeMap<>();
    meta.put("file", name);
    meta.put("offset", "0");
    meta.put("charset", d.charset);
    return IngestRecord.kept(new Document(Document.idFor(source, name + "@0"), source, kind, null, text, null, meta));
  }

  /** Decoded text and its charset name, or a rejection reason. */
  public record Decoded(String text, String charset, String reason) {}

  public static Decoded decode(byte[] data, int len) {
    if (TextBytes.looksBinary(data, len)) {
      return new Decoded(null, null, IngestReasons.BINARY);
    }
    String s = TextBytes.strictUtf8(data, len);
    if (s != null) {
      return new Decoded(s, "UTF-8", null);
    }
    int controls = 0;
    for (int i = 0; i < len; i++) {
      int c = data[i] & 0xff;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        controls++;
      }
    }
    if (controls > len * MAX_CONTROL_SHARE) {
      return new Decoded(null, null, IngestReasons.BINARY);
    }
    return new Decoded(new String(data, 0, len, java.nio.charset.Charset.forName("windows-1252")), "windows-1252",
        null);
  }

  static IngestRecord reject(String name, String source, Document.Kind kind, String reason, String excerpt) {
    return IngestRecord.rejected(source, kind, name, "0", null, reason, excerpt, null);
  }

  /** Used by tests: UTF-8 bytes of a string. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

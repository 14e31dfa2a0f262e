package kiln.jobs.ingest.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import kiln.jobs.ingest.LimitedInput;

/**
 * Undoes HTTP transfer and content encodings of a stored body, leniently, because crawlers often store bodies
 * already decoded while keeping the original headers (ClueWeb09, some wget versions):
 * chunked framing that does not parse leaves the bytes as they are; a gzip/deflate body that does not inflate is
 * used as it is when it does not start with the gzip magic. Brotli and unknown encodings fail
 * ({@code ingest:bad_encoding}).
 */
public final class HttpBodyDecoder {
  private HttpBodyDecoder() {}

  /** Decoded body bytes, at most {@code max} of them. */
  public static LimitedInput.Bytes decode(byte[] raw, int len, String transferEncoding, String contentEncoding,
                                          long max) throws IOException {
    byte[] b = raw;
    int n = len;
    if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      byte[] d = dechunk(raw, len);
      if (d != null) {
        b = d;
        n = d.length;
      }
    }
    String ce = contentEncoding == null ? "" : contentEncoding.toLowerCase(Locale.ROOT).strip();
    if (ce.isEmpty() || ce.equals("identity") || ce.equals("none") || ce.equals("utf-8") || ce.equals("text")) {
      return LimitedInput.of(b, n, max);
    }
    boolean gzipMagic = n >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    if (ce.contains("gzip") || ce.contains("deflate")) {
      try {
        InputStream in = gzipMagic ? new GZIPInputStream(new ByteArrayInputStream(b, 0, n))
            : new InflaterInputStream(new ByteArrayInputStream(b, 0, n), new Inflater(!looksZlib(b, n)));
        return LimitedInput.read(in, max);
      } catch (IOException e) {
        if (gzipMagic) {
          throw new IOException("body says Content-Encoding " + ce + " but does not inflate: " + e.getMessage());
        }
        // Stored decoded despite the header.
        return LimitedInput.of(b, n, max);
      }
    }
    throw new IOException("unsupported Content-Encoding: " + ce);
  }

  private static boolean looksZlib(byte[] b, int n) {
    return n >= 2 && (b[0] & 0x0f) == 8 && (((b[0] & 0xff) << 8) | (b[1] & 0xff)) % 31 == 0;
  }

  /** Removes chunked framing; null when the bytes are not well-formed chunks. */
  static byte[] dechunk(byte[] b, int len) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(len);
    int p = 0;
    while (p < len) {
      int eol = p;
      while (eol < len && b[eol] != '\n') {
        eol++;
      }
      if (eol >= len) {
        return null;
      }
      String line = new String(b, p, eol - p, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
      int semi = line.indexOf(';');
      if (semi >= 0) {
        line = line.substring(0, semi).strip();
      }
      long size;
      try {
        size = Long.parseLong(line, 16);
      } catch (NumberFormatException e) {
        return null;
      }
      p = eol + 1;
      if (size == 0) {
        return out.toByteArray();
      }
      if (size < 0 || p + size > len) {
        // Clipped last chunk: keep what is there.
        out.write(b, p, len - p);
        return out.toByteArray();
      }
      out.write(b, p, (int) size);
      p += (int) size;
      while (p < len && (b[p] == '\r' || b[p] == '\n')) {
        p++;
      }
    }
    return out.toByteArray();
  }
}

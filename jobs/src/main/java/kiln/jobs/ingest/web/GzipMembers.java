package kiln.jobs.ingest.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds gzip member boundaries in a gzip-per-record crawl file, so that a byte range of the file can be read on
 * its own: a range task starts at the first member that begins at or after its start offset.
 *
 * <p>A member start is the gzip magic {@code 1f 8b 08} whose member inflates to the start of a WARC record
 * ({@code WARC/}) or an ARC record header ({@code URL IP DATE}); the check makes false matches inside
 * compressed data practically impossible.
 */
public final class GzipMembers {
  private GzipMembers() {}

  private static final int BLOCK = 1 << 16;
  private static final Pattern ARC_HEADER = Pattern.compile("^\\S+ \\S+ \\d{14} ");

  /** True if the file name says gzip-per-record crawl data that may be split by byte ranges. */
  public static boolean splittable(String fileName) {
    String n = fileName.toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".warc.gz") || n.endsWith(".arc.gz") || n.endsWith(".wet.gz") || n.endsWith(".warc.wet.gz");
  }

  /** Offset of the first record-bearing gzip member at or after {@code from} and before {@code limit}, or -1. */
  public static long nextMemberStart(FileChannel ch, long from, long limit) throws IOException {
    long size = ch.size();
    long end = Math.min(limit, size);
    ByteBuffer buf = ByteBuffer.allocate(BLOCK + 2);
    for (long base = from; base < end; base += BLOCK) {
      buf.clear();
      int n = readFully(ch, buf, base);
      for (int i = 0; i < Math.min(n - 2, BLOCK); i++) {
        long at = base + i;
        if (at >= end) {
          return -1;
        }
        if ((buf.get(i) & 0xff) == 0x1f && (buf.get(i + 1) & 0xff) == 0x8b && buf.get(i + 2) == 8
            && startsRecord(ch, at)) {
          return at;
        }
      }
      if (n < BLOCK) {
        break;
      }
    }
    return -1;
  }

  private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /**
   * Length of the gzip member header (RFC 1952: 10 fixed bytes, then optional FEXTRA, FNAME, FCOMMENT, FHCRC)
   * at the start of {@code b}, or -1 when the header does not end within the first {@code n} bytes.
   * The magic bytes are the caller's to check.
   */
  static int headerLength(byte[] b, int n) {
    if (n < 10) {
      return -1;
    }
    int flags = b[3] & 0xff;
    int p = 10;
    if ((flags & 4) != 0) {
      if (p + 2 > n) {
        return -1;
      }
      p += 2 + ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
    }
    for (int zeroTerminated : new int[] {8, 16}) {
      if ((flags & zeroTerminated) != 0) {
        while (p < n && b[p] != 0) {
          p++;
        }
        p++;
      }
    }
    if ((flags & 2) != 0) {
      p += 2;
    }
    return p >= n ? -1 : p;
  }

  /** Inflates the first bytes of the member at {@code at} and checks they open a WARC or ARC record. */
  static boolean startsRecord(FileChannel ch, long at) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(8192);
    int n = readFully(ch, head, at);
    byte[] b = head.array();
    if (n < 18) {
      return false;
    }
    if ((b[3] & 0xE0) != 0) {
      return false;
    }
    int p = headerLength(b, n);
    if (p < 0) {
      return false;
    }
    Inflater inf = new Inflater(true);
    try {
      inf.setInput(b, p, n - p);
      byte[] out = new byte[256];
      int got = inf.inflate(out);
      String s = new String(out, 0, got, StandardCharsets.ISO_8859_1);
      return s.startsWith("WARC/") || ARC_HEADER.matcher(s).find();
    } catch (DataFormatException e) {
      return false;
    } finally {
      inf.end();
    }
  }
}

package kiln.jobs.ingest.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates exactly one gzip member at a file offset and reports where the next member starts, so a reader knows
 * each member's compressed offset (the record offset of gzip-per-record crawl files).
 */
final class GzipMember {
  private GzipMember() {}

  /**
   * @param data decompressed bytes (the first {@code maxOut} of them)
   * @param overLimit the member held more than {@code maxOut} bytes
   * @param next offset just past the member (its 8-byte trailer included)
   * @param truncated the file ended or the deflate stream broke before the member did
   */
  record Member(byte[] data, boolean overLimit, long next, boolean truncated) {}

  static Member read(FileChannel ch, long offset, long maxOut) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(1 << 16);
    long pos = offset;
    int n = ch.read(head, pos);
    if (n < 18) {
      return new Member(new byte[0], false, ch.size(), true);
    }
    byte[] b = head.array();
    if ((b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
      throw new IOException("not a gzip member at offset " + offset);
    }
    // A header cut off by the end of the file (or an FEXTRA length pointing past it) is a truncated member.
    int p = GzipMembers.headerLength(b, n);
    if (p < 0) {
      return new Member(new byte[0], false, ch.size(), true);
    }
    Inflater inf = new Inflater(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    long inputPos = offset + p;
    try {
      inf.setInput(b, p, n - p);
      inputPos = offset + n;
      while (!inf.finished()) {
        int got = inf.inflate(buf);
        if (got > 0) {
          if (total < maxOut) {
            out.write(buf, 0, (int) Math.min(got, maxOut - total));
          }
          total += got;
          continue;
        }
        if (inf.needsInput()) {
          ByteBuffer more = ByteBuffer.wrap(b);
          int m = ch.read(more, inputPos);
          if (m <= 0) {
            return new Member(out.toByteArray(), total > maxOut, ch.size(), true);
          }
          inputPos += m;
          inf.setInput(b, 0, m);
        } else if (inf.needsDictionary()) {
          return new Member(out.toByteArray(), total > maxOut, ch.size(), true);
        }
      }
      long next = inputPos - inf.getRemaining() + 8;
      return new Member(out.toByteArray(), total > maxOut, Math.min(next, ch.size()), next > ch.size());
    } catch (DataFormatException e) {
      return new Member(out.toByteArray(), total > maxOut, ch.size(), true);
    } finally {
      inf.end();
    }
  }
}

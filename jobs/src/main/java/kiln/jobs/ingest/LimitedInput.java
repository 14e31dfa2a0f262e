package kiln.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a stream into memory up to a byte limit, so one huge item cannot exhaust the heap. */
public final class LimitedInput {
  private LimitedInput() {}

  /** The bytes read and whether the stream had more than the limit. */
  public record Bytes(byte[] data, int length, boolean overLimit) {}

  /**
   * Reads at most {@code limit} bytes; reads one byte more to learn whether the input was longer. The array may be
   * longer than {@link Bytes#length()}: reading straight into a growing array saves the two copies a
   * {@code ByteArrayOutputStream} makes, which were a few percent of WARC ingest.
   */
  public static Bytes read(InputStream in, long limit) throws IOException {
    return read(in, limit, 8192);
  }

  /** As {@link #read(InputStream, long)}, starting with room for {@code sizeHint} bytes (e.g. a Content-Length). */
  public static Bytes read(InputStream in, long limit, long sizeHint) throws IOException {
    long cap = Math.min(limit, Integer.MAX_VALUE - 17) + 1;
    byte[] data = new byte[(int) Math.min(Math.max(sizeHint + 1, 16), cap)];
    int total = 0;
    while (total < cap) {
      if (total == data.length) {
        data = Arrays.copyOf(data, (int) Math.min(cap, Math.max(16, (long) data.length * 2)));
      }
      int n = in.read(data, total, data.length - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    boolean over = total > limit;
    return new Bytes(data, (int) Math.min(total, limit), over);
  }

  /** The first {@code length} bytes of {@code data} under the same limit, without copying them. */
  public static Bytes of(byte[] data, int length, long limit) {
    return new Bytes(data, (int) Math.min(length, limit), length > limit);
  }
}

package kiln.jobs.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream into memory up to a byte limit, so one huge item cannot exhaust the heap. */
public final class LimitedInput {
  private LimitedInput() {}

  /** The bytes read and whether the stream had more than the limit. */
  public record Bytes(byte[] data, int length, boolean overLimit) {}

  /** Reads at most {@code limit} bytes; reads one byte more to learn whether the input was longer. */
  public static Bytes read(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buf = new byte[8192];
    long total = 0;
    while (true) {
      int want = (int) Math.min(buf.length, limit + 1 - total);
      if (want <= 0) {
        break;
      }
      int n = in.read(buf, 0, want);
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
      total += n;
    }
    byte[] data = out.toByteArray();
    boolean over = total > limit;
    return new Bytes(data, (int) Math.min(total, limit), over);
  }
}

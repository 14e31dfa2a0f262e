package kiln.tokenize;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A buffered little-endian writer (DataOutputStream is big-endian); counts bytes written. */
final class LittleEndianOutput implements Closeable {
  private final OutputStream out;
  private final byte[] buf = new byte[8];
  private long written;

  LittleEndianOutput(OutputStream out) {
    this.out = new BufferedOutputStream(out, 1 << 16);
  }

  static LittleEndianOutput create(Path file) throws IOException {
    return new LittleEndianOutput(Files.newOutputStream(file));
  }

  void bytes(byte[] b) throws IOException {
    out.write(b);
    written += b.length;
  }

  void u8(int v) throws IOException {
    out.write(v);
    written++;
  }

  void u16(int v) throws IOException {
    buf[0] = (byte) v;
    buf[1] = (byte) (v >>> 8);
    out.write(buf, 0, 2);
    written += 2;
  }

  void i32(int v) throws IOException {
    buf[0] = (byte) v;
    buf[1] = (byte) (v >>> 8);
    buf[2] = (byte) (v >>> 16);
    buf[3] = (byte) (v >>> 24);
    out.write(buf, 0, 4);
    written += 4;
  }

  void i64(long v) throws IOException {
    for (int i = 0; i < 8; i++) {
      buf[i] = (byte) (v >>> (8 * i));
    }
    out.write(buf, 0, 8);
    written += 8;
  }

  void token(TokenDtype dtype, int id) throws IOException {
    dtype.check(id);
    if (dtype == TokenDtype.UINT16) {
      u16(id);
    } else {
      i32(id);
    }
  }

  long written() {
    return written;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

package kiln.filters.model;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Buffered little-endian reads from a model file (fastText writes its structs in the host order, little-endian on
 * every platform it ships for). Knows the bytes left, so a corrupt size fails before a huge allocation.
 */
final class LittleEndianReader implements AutoCloseable {
  private final Path file;
  private final FileChannel ch;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
  private final long size;
  private long consumed;

  LittleEndianReader(Path file) throws IOException {
    this.file = file;
    this.ch = FileChannel.open(file, StandardOpenOption.READ);
    this.size = ch.size();
    buf.limit(0);
  }

  Path file() {
    return file;
  }

  long remaining() {
    return size - consumed;
  }

  private void need(int n) throws IOException {
    if (buf.remaining() >= n) {
      return;
    }
    buf.compact();
    while (buf.position() < n) {
      if (ch.read(buf) < 0) {
        buf.flip();
        throw new EOFException(file + ": truncated (ended after " + (consumed + buf.remaining()) + " bytes)");
      }
    }
    buf.flip();
  }

  int readInt() throws IOException {
    need(4);
    consumed += 4;
    return buf.getInt();
  }

  long readLong() throws IOException {
    need(8);
    consumed += 8;
    return buf.getLong();
  }

  double readDouble() throws IOException {
    need(8);
    consumed += 8;
    return buf.getDouble();
  }

  float readFloat() throws IOException {
    need(4);
    consumed += 4;
    return buf.getFloat();
  }

  byte readByte() throws IOException {
    need(1);
    consumed += 1;
    return buf.get();
  }

  boolean readBool() throws IOException {
    return readByte() != 0;
  }

  void readBytes(byte[] dst, int off, int len) throws IOException {
    while (len > 0) {
      need(1);
      int n = Math.min(len, buf.remaining());
      buf.get(dst, off, n);
      consumed += n;
      off += n;
      len -= n;
    }
  }

  void readFloats(float[] dst, int off, int len) throws IOException {
    while (len > 0) {
      need(4);
      int n = Math.min(len, buf.remaining() / 4);
      buf.asFloatBuffer().get(dst, off, n);
      buf.position(buf.position() + 4 * n);
      consumed += 4L * n;
      off += n;
      len -= n;
    }
  }

  /** Fails unless at least {@code bytes} are left: guards allocations sized by numbers read from the file. */
  void requireRemaining(long bytes, String what) throws FastTextFormatException {
    if (bytes < 0 || bytes > remaining()) {
      throw new FastTextFormatException(file + ": " + what + " needs " + bytes + " bytes but only " + remaining()
          + " are left (truncated or not a fastText model)");
    }
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}

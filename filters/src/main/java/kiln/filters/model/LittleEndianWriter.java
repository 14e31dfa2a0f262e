package kiln.filters.model;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Buffered little-endian writes of a model file: the counterpart of {@link LittleEndianReader}. */
final class LittleEndianWriter implements AutoCloseable {
  private final OutputStream out;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

  LittleEndianWriter(Path file) throws IOException {
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }

  private void room(int n) throws IOException {
    if (buf.remaining() < n) {
      flushBuffer();
    }
  }

  private void flushBuffer() throws IOException {
    out.write(buf.array(), 0, buf.position());
    buf.clear();
  }

  void writeInt(int v) throws IOException {
    room(4);
    buf.putInt(v);
  }

  void writeLong(long v) throws IOException {
    room(8);
    buf.putLong(v);
  }

  void writeDouble(double v) throws IOException {
    room(8);
    buf.putDouble(v);
  }

  void writeByte(byte v) throws IOException {
    room(1);
    buf.put(v);
  }

  void writeBytes(byte[] b, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      writeByte(b[i]);
    }
  }

  void writeFloats(float[] a, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      room(4);
      buf.putFloat(a[i]);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }
}

package kiln.core.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.channels.FileChannel;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A read-only {@link FileChannel} over a Hadoop stream ({@code hdfs://}, {@code s3a://}), so readers written for
 * random access to local files (gzip member scans, WARC byte ranges) work on any file system. The channel keeps
 * its own position and seeks the stream lazily, so positional reads between sequential ones cost one seek.
 */
public final class HadoopFileChannel extends FileChannel {
  private final FSDataInputStream in;
  private final long size;
  private long position;
  private byte[] scratch = new byte[0];

  public HadoopFileChannel(FSDataInputStream in, long size) {
    this.in = in;
    this.size = size;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = readAt(dst, position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public int read(ByteBuffer dst, long at) throws IOException {
    return readAt(dst, at);
  }

  private synchronized int readAt(ByteBuffer dst, long at) throws IOException {
    ensureOpen();
    if (at >= size) {
      return -1;
    }
    int len = (int) Math.min(dst.remaining(), size - at);
    if (len == 0) {
      return 0;
    }
    if (in.getPos() != at) {
      in.seek(at);
    }
    int n;
    if (dst.hasArray()) {
      n = in.read(dst.array(), dst.arrayOffset() + dst.position(), len);
      if (n > 0) {
        dst.position(dst.position() + n);
      }
    } else {
      if (scratch.length < len) {
        scratch = new byte[Math.max(len, 1 << 16)];
      }
      n = in.read(scratch, 0, len);
      if (n > 0) {
        dst.put(scratch, 0, n);
      }
    }
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      if (!dsts[i].hasRemaining()) {
        continue;
      }
      int n = read(dsts[i]);
      if (n < 0) {
        return total == 0 ? -1 : total;
      }
      total += n;
      if (dsts[i].hasRemaining()) {
        break;
      }
    }
    return total;
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return size;
  }

  @Override
  public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 16, Math.max(1, count)));
    long done = 0;
    while (done < count) {
      buf.clear().limit((int) Math.min(buf.capacity(), count - done));
      int n = readAt(buf, at + done);
      if (n <= 0) {
        break;
      }
      buf.flip();
      while (buf.hasRemaining()) {
        target.write(buf);
      }
      done += n;
    }
    return done;
  }

  private void ensureOpen() throws IOException {
    if (!isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
  }

  @Override
  protected void implCloseChannel() throws IOException {
    in.close();
  }

  // Read-only: every write-side operation is refused.

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new NonWritableChannelException();
  }

  @Override
  public int write(ByteBuffer src, long at) {
    throw new NonWritableChannelException();
  }

  @Override
  public FileChannel truncate(long s) {
    throw new NonWritableChannelException();
  }

  @Override
  public void force(boolean metaData) {
    // nothing written, nothing to force
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long at, long count) {
    throw new NonWritableChannelException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long at, long s) {
    throw new UnsupportedOperationException("a Hadoop stream cannot be memory-mapped");
  }

  @Override
  public FileLock lock(long at, long s, boolean shared) {
    throw new UnsupportedOperationException("a Hadoop stream cannot be locked");
  }

  @Override
  public FileLock tryLock(long at, long s, boolean shared) {
    throw new UnsupportedOperationException("a Hadoop stream cannot be locked");
  }
}

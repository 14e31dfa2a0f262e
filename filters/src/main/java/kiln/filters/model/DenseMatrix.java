package kiln.filters.model;

import java.io.IOException;

/** fastText's {@code DenseMatrix}: m x n floats, row-major; stored in chunks so m * n may pass 2^31. */
final class DenseMatrix implements Matrix {
  private static final int CHUNK_FLOATS = 1 << 26;

  private final long m;
  private final int n;
  private final int rowsPerChunk;
  private final float[][] chunks;

  private DenseMatrix(long m, int n, float[][] chunks, int rowsPerChunk) {
    this.m = m;
    this.n = n;
    this.chunks = chunks;
    this.rowsPerChunk = rowsPerChunk;
  }

  static DenseMatrix read(LittleEndianReader in, String what) throws IOException {
    long m = in.readLong();
    long n = in.readLong();
    if (m < 0 || n <= 0 || n > 1 << 20 || m > Integer.MAX_VALUE) {
      throw new FastTextFormatException(in.file() + ": " + what + " matrix has implausible shape " + m + " x " + n);
    }
    in.requireRemaining(m * n * 4, what + " matrix " + m + " x " + n);
    int cols = (int) n;
    int rowsPerChunk = Math.max(1, CHUNK_FLOATS / cols);
    int nChunks = (int) ((m + rowsPerChunk - 1) / rowsPerChunk);
    float[][] chunks = new float[nChunks][];
    long left = m;
    for (int c = 0; c < nChunks; c++) {
      int rows = (int) Math.min(rowsPerChunk, left);
      chunks[c] = new float[rows * cols];
      in.readFloats(chunks[c], 0, rows * cols);
      left -= rows;
    }
    return new DenseMatrix(m, cols, chunks, rowsPerChunk);
  }

  @Override
  public long rows() {
    return m;
  }

  @Override
  public int cols() {
    return n;
  }

  @Override
  public void addRowTo(float[] x, int i) {
    float[] c = chunks[i / rowsPerChunk];
    int off = (i % rowsPerChunk) * n;
    for (int j = 0; j < n; j++) {
      x[j] += c[off + j];
    }
  }

  /**
   * Four rows per pass: {@code x[j] = x[j] + a[j] + b[j] + c[j] + d[j]} is evaluated left to right, so every
   * float sum is the one the row-by-row loop (and fastText) computes, while the loads of the four rows, usually
   * cache misses in a large input matrix, are in flight together.
   */
  @Override
  public void addRowsTo(float[] x, int[] rows, int count) {
    int n = this.n;
    int i = 0;
    for (; i + 4 <= count; i += 4) {
      int r0 = rows[i];
      int r1 = rows[i + 1];
      int r2 = rows[i + 2];
      int r3 = rows[i + 3];
      float[] c0 = chunks[r0 / rowsPerChunk];
      float[] c1 = chunks[r1 / rowsPerChunk];
      float[] c2 = chunks[r2 / rowsPerChunk];
      float[] c3 = chunks[r3 / rowsPerChunk];
      int o0 = (r0 % rowsPerChunk) * n;
      int o1 = (r1 % rowsPerChunk) * n;
      int o2 = (r2 % rowsPerChunk) * n;
      int o3 = (r3 % rowsPerChunk) * n;
      for (int j = 0; j < n; j++) {
        x[j] = x[j] + c0[o0 + j] + c1[o1 + j] + c2[o2 + j] + c3[o3 + j];
      }
    }
    for (; i < count; i++) {
      addRowTo(x, rows[i]);
    }
  }

  @Override
  public float dotRow(float[] v, int i) {
    float[] c = chunks[i / rowsPerChunk];
    int off = (i % rowsPerChunk) * n;
    float d = 0f;
    for (int j = 0; j < n; j++) {
      d += c[off + j] * v[j];
    }
    return d;
  }
}

package kiln.filters.model;

import java.io.IOException;

/**
 * fastText's {@code QuantMatrix} (the matrices of a {@code .ftz} model): rows product-quantized, optionally with
 * the row norms quantized separately ({@code -qnorm}: each row is a unit vector times its decoded norm).
 */
final class QuantMatrix implements Matrix {
  private final boolean qnorm;
  private final long m;
  private final int n;
  private final byte[] codes;
  private final ProductQuantizer pq;
  private final byte[] normCodes;
  private final ProductQuantizer npq;

  private QuantMatrix(boolean qnorm, long m, int n, byte[] codes, ProductQuantizer pq, byte[] normCodes,
      ProductQuantizer npq) {
    this.qnorm = qnorm;
    this.m = m;
    this.n = n;
    this.codes = codes;
    this.pq = pq;
    this.normCodes = normCodes;
    this.npq = npq;
  }

  static QuantMatrix read(LittleEndianReader in, String what) throws IOException {
    boolean qnorm = in.readBool();
    long m = in.readLong();
    long n = in.readLong();
    int codesize = in.readInt();
    if (m < 0 || n <= 0 || n > 1 << 20 || m > Integer.MAX_VALUE || codesize < 0) {
      throw new FastTextFormatException(in.file() + ": quantized " + what + " matrix has implausible shape " + m
          + " x " + n + " (codes " + codesize + ")");
    }
    in.requireRemaining(codesize, "quantized " + what + " matrix codes");
    byte[] codes = new byte[codesize];
    in.readBytes(codes, 0, codesize);
    ProductQuantizer pq = ProductQuantizer.read(in);
    if (pq.dim() != n || (long) pq.nsubq() * m != codesize) {
      throw new FastTextFormatException(in.file() + ": quantized " + what + " matrix " + m + " x " + n
          + " does not match its quantizer (dim " + pq.dim() + ", " + pq.nsubq() + " codes per row, " + codesize
          + " codes)");
    }
    byte[] normCodes = null;
    ProductQuantizer npq = null;
    if (qnorm) {
      in.requireRemaining(m, "quantized " + what + " matrix norm codes");
      normCodes = new byte[(int) m];
      in.readBytes(normCodes, 0, (int) m);
      npq = ProductQuantizer.read(in);
    }
    return new QuantMatrix(qnorm, m, (int) n, codes, pq, normCodes, npq);
  }

  private float norm(int i) {
    return qnorm ? npq.firstValue(normCodes[i] & 0xFF) : 1f;
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
    pq.addcode(x, codes, i, norm(i));
  }

  @Override
  public float dotRow(float[] v, int i) {
    return pq.mulcode(v, codes, i, norm(i));
  }
}

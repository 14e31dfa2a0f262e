package kiln.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a Megatron-LM {@code MMapIndexedDataset} index ({@code .idx}) for text datasets with one sequence
 * per document (Megatron's default, no {@code --split-sentences}). Layout, all little-endian, no padding
 * (field-survey §8.1, {@code megatron/core/datasets/indexed_dataset.py}):
 * <pre>
 *   magic "MMIDIDX\0\0" (9) | version u64 = 1 | dtype code u8 | S u64 | D u64 = S + 1
 *   | lengths i32[S] | pointers i64[S] (byte offsets in .bin) | document_indices i64[D] = 0, 1, ..., S
 * </pre>
 * Size {@code 42 + 20·S} bytes.
 */
public final class MegatronIndexWriter {
  private MegatronIndexWriter() {}

  public static final byte[] MAGIC = "MMIDIDX\0\0".getBytes(StandardCharsets.US_ASCII);
  public static final long VERSION = 1;
  public static final int HEADER_BYTES = 34;

  /** Writes the index of {@code count} sequences whose token counts are {@code lengths[0..count)}. */
  public static void write(Path idx, TokenDtype dtype, int[] lengths, int count) throws IOException {
    if (count < 0 || count > lengths.length) {
      throw new IllegalArgumentException("count must be in [0, " + lengths.length + "], got " + count);
    }
    try (LittleEndianOutput out = LittleEndianOutput.create(idx)) {
      writeHeader(out, dtype, count, count + 1L);
      for (int i = 0; i < count; i++) {
        out.i32(lengths[i]);
      }
      long pointer = 0;
      for (int i = 0; i < count; i++) {
        out.i64(pointer);
        pointer += (long) lengths[i] * dtype.bytes;
      }
      for (long d = 0; d <= count; d++) {
        out.i64(d);
      }
    }
  }

  static void writeHeader(LittleEndianOutput out, TokenDtype dtype, long sequences, long docIndices)
      throws IOException {
    out.bytes(MAGIC);
    out.i64(VERSION);
    out.u8(dtype.megatronCode);
    out.i64(sequences);
    out.i64(docIndices);
  }
}

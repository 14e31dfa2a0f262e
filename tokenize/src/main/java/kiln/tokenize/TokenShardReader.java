package kiln.tokenize;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ObjIntConsumer;

/** Reads documents back from Megatron and datatrove shards, sequentially, one document in memory at a time. */
public final class TokenShardReader {
  private TokenShardReader() {}

  /** Calls {@code each(tokens, docIndex)} for every document of Megatron dataset {@code prefix}. */
  public static long readMegatron(Path prefix, ObjIntConsumer<int[]> each) throws IOException {
    Path idx = Path.of(prefix + ".idx");
    MegatronMerge.Header h = MegatronMerge.header(idx);
    if (h.documents() != h.sequences() + 1) {
      throw new IOException(idx + ": " + h.sequences() + " sequences but " + (h.documents() - 1)
          + " documents; only one sequence per document is supported");
    }
    long expectBin = 0;
    try (DataInputStream lens = stream(idx, MegatronIndexWriter.HEADER_BYTES);
         DataInputStream bin = stream(Path.of(prefix + ".bin"), 0)) {
      for (int d = 0; d < h.sequences(); d++) {
        int n = Integer.reverseBytes(lens.readInt());
        expectBin += (long) n * h.dtype().bytes;
        each.accept(readTokens(bin, n, h.dtype()), d);
      }
      if (expectBin != Files.size(Path.of(prefix + ".bin"))) {
        throw new IOException(prefix + ".bin: " + Files.size(Path.of(prefix + ".bin")) + " bytes, index says "
            + expectBin);
      }
    }
    return h.sequences();
  }

  /** Calls {@code each(tokens, docIndex)} for every document of datatrove file {@code NAME.ds}. */
  public static long readDatatrove(Path ds, TokenDtype dtype, ObjIntConsumer<int[]> each) throws IOException {
    Path index = Path.of(ds + ".index");
    long docs = Files.size(index) / 8;
    long prev = 0;
    try (DataInputStream ends = stream(index, 0); DataInputStream in = stream(ds, 0)) {
      for (int d = 0; d < docs; d++) {
        long end = Long.reverseBytes(ends.readLong());
        if (end < prev) {
          throw new IOException(index + ": end offsets decrease at document " + d);
        }
        each.accept(readTokens(in, Math.toIntExact(end - prev), dtype), d);
        prev = end;
      }
    }
    if (prev * dtype.bytes != Files.size(ds)) {
      throw new IOException(ds + ": " + Files.size(ds) + " bytes, index says " + prev * dtype.bytes);
    }
    return docs;
  }

  private static int[] readTokens(DataInputStream in, int n, TokenDtype dtype) throws IOException {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = dtype == TokenDtype.UINT16 ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
          : Integer.reverseBytes(in.readInt());
    }
    return t;
  }

  private static DataInputStream stream(Path file, long skip) throws IOException {
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(skip);
    return new DataInputStream(new BufferedInputStream(in, 1 << 16));
  }
}

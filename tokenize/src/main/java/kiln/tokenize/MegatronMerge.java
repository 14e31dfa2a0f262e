package kiln.tokenize;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Concatenates Megatron datasets (prefixes with {@code .bin}/{@code .idx}) into one, streaming: the {@code .bin}
 * files are copied in order, and the index is rewritten section by section (lengths, then pointers shifted by
 * the bytes before each input, then document indices shifted by the sequences before each input), reading each
 * input index once per section. Memory is constant; the result equals writing all documents at once. Like
 * Megatron's {@code IndexedDatasetBuilder.add_index} / {@code tools/merge_datasets.py}.
 */
public final class MegatronMerge {
  private MegatronMerge() {}

  /** Header of one input index. */
  record Header(TokenDtype dtype, long sequences, long documents) {}

  public static void merge(List<Path> inputPrefixes, Path outPrefix) throws IOException {
    if (inputPrefixes.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge: no input prefixes");
    }
    Header[] headers = new Header[inputPrefixes.size()];
    long seqs = 0;
    long docs = 0;
    for (int i = 0; i < headers.length; i++) {
      headers[i] = header(idx(inputPrefixes.get(i)));
      if (headers[i].dtype != headers[0].dtype) {
        throw new IllegalArgumentException(inputPrefixes.get(i) + " has dtype " + headers[i].dtype.numpyName()
            + " but " + inputPrefixes.get(0) + " has " + headers[0].dtype.numpyName());
      }
      seqs += headers[i].sequences;
      docs += headers[i].documents - 1;
    }
    TokenDtype dtype = headers[0].dtype;
    try (OutputStream bin = Files.newOutputStream(Path.of(outPrefix + ".bin"))) {
      for (Path p : inputPrefixes) {
        Files.copy(Path.of(p + ".bin"), bin);
      }
    }
    try (LittleEndianOutput out = LittleEndianOutput.create(Path.of(outPrefix + ".idx"))) {
      MegatronIndexWriter.writeHeader(out, dtype, seqs, docs + 1);
      for (int i = 0; i < headers.length; i++) {
        try (DataInputStream in = section(inputPrefixes.get(i), 0)) {
          for (long s = 0; s < headers[i].sequences; s++) {
            out.i32(Integer.reverseBytes(in.readInt()));
          }
        }
      }
      long byteBase = 0;
      for (int i = 0; i < headers.length; i++) {
        try (DataInputStream in = section(inputPrefixes.get(i), 4 * headers[i].sequences)) {
          for (long s = 0; s < headers[i].sequences; s++) {
            out.i64(byteBase + Long.reverseBytes(in.readLong()));
          }
        }
        byteBase += Files.size(Path.of(inputPrefixes.get(i) + ".bin"));
      }
      out.i64(0);
      long seqBase = 0;
      for (int i = 0; i < headers.length; i++) {
        try (DataInputStream in = section(inputPrefixes.get(i), 12 * headers[i].sequences)) {
          in.readLong(); // each input's leading 0
          for (long d = 1; d < headers[i].documents; d++) {
            out.i64(seqBase + Long.reverseBytes(in.readLong()));
          }
        }
        seqBase += headers[i].sequences;
      }
    }
  }

  private static Path idx(Path prefix) {
    return Path.of(prefix + ".idx");
  }

  static Header header(Path idx) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(idx))) {
      byte[] magic = new byte[9];
      in.readFully(magic);
      if (!Arrays.equals(magic, MegatronIndexWriter.MAGIC)) {
        throw new IOException(idx + ": not a Megatron index (bad magic)");
      }
      long version = Long.reverseBytes(in.readLong());
      if (version != MegatronIndexWriter.VERSION) {
        throw new IOException(idx + ": index version " + version + ", expected 1");
      }
      TokenDtype dtype = TokenDtype.ofMegatronCode(in.readUnsignedByte());
      long s = Long.reverseBytes(in.readLong());
      long d = Long.reverseBytes(in.readLong());
      long expected = MegatronIndexWriter.HEADER_BYTES + 12 * s + 8 * d;
      if (Files.size(idx) != expected || d < 1) {
        throw new IOException(idx + ": " + Files.size(idx) + " bytes, header says " + expected);
      }
      return new Header(dtype, s, d);
    } catch (EOFException e) {
      throw new IOException(idx + ": truncated index", e);
    }
  }

  /** The index of {@code prefix} positioned {@code offset} bytes after the header. */
  private static DataInputStream section(Path prefix, long offset) throws IOException {
    InputStream in = Files.newInputStream(idx(prefix));
    in.skipNBytes(MegatronIndexWriter.HEADER_BYTES + offset);
    return new DataInputStream(new BufferedInputStream(in, 1 << 16));
  }
}

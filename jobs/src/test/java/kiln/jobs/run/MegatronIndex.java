package kiln.jobs.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the counts from a Megatron .idx by the documented layout (docs/tokenize.md), not by our writer. */
final class MegatronIndex {
  private MegatronIndex() {}

  /** {documents, tokens}. */
  static long[] documentsAndTokens(Path idx) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(idx)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[9];
    b.get(magic);
    if (!new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1).equals("MMIDIDX\0\0")) {
      throw new IOException("bad magic in " + idx);
    }
    b.getLong(); // version
    b.get(); // dtype code
    long s = b.getLong();
    long d = b.getLong();
    long tokens = 0;
    for (long i = 0; i < s; i++) {
      tokens += b.getInt();
    }
    return new long[] {d - 1, tokens};
  }
}

package kiln.tokenize;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one Megatron shard {@code PREFIX.bin} + {@code PREFIX.idx}, streaming tokens to the {@code .bin} and
 * keeping one int per document for the index (a shard is bounded by the shard size target, so this is small).
 * Use the prefix {@code NAME_text_document} to follow Megatron's {@code {prefix}_{json_key}_document} naming.
 */
public final class MegatronShardWriter implements TokenShardWriter {
  private final Path dir;
  private final String prefix;
  private final TokenDtype dtype;
  private final LittleEndianOutput bin;
  private int[] lengths = new int[1024];
  private int docs;
  private long tokens;
  private boolean closed;

  public MegatronShardWriter(Path dir, String prefix, TokenDtype dtype) throws IOException {
    this.dir = dir;
    this.prefix = prefix;
    this.dtype = dtype;
    this.bin = LittleEndianOutput.create(dir.resolve(prefix + ".bin"));
  }

  @Override
  public void add(int[] ids) throws IOException {
    for (int id : ids) {
      bin.token(dtype, id);
    }
    if (docs == lengths.length) {
      lengths = Arrays.copyOf(lengths, lengths.length * 2);
    }
    lengths[docs++] = ids.length;
    tokens += ids.length;
  }

  @Override
  public long documents() {
    return docs;
  }

  @Override
  public long tokens() {
    return tokens;
  }

  @Override
  public List<String> fileNames() {
    return List.of(prefix + ".bin", prefix + ".idx");
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    bin.close();
    MegatronIndexWriter.write(dir.resolve(prefix + ".idx"), dtype, lengths, docs);
  }
}

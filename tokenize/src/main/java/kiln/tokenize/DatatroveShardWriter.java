package kiln.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one datatrove token file (field-survey §8.2, {@code datatrove/pipeline/tokens/tokenizer.py}):
 * <ul>
 *   <li>{@code NAME.ds}: token ids, little-endian, 2 or 4 bytes ({@link TokenDtype#datatrove}), no header;</li>
 *   <li>{@code NAME.ds.index}: u64 little-endian end offset (in tokens, exclusive, cumulative) per document;</li>
 *   <li>{@code NAME.ds.metadata}: {@code "TOKENIZER|TOKEN_SIZE\nTOKENS\nHUMAN"}, no final newline, where
 *       HUMAN is the count with an SI prefix and unit {@code T} ({@link #humanTokens}).</li>
 * </ul>
 * Both data files stream; nothing is held per document.
 */
public final class DatatroveShardWriter implements TokenShardWriter {
  private final Path dir;
  private final String name;
  private final String tokenizerName;
  private final TokenDtype dtype;
  private final LittleEndianOutput ds;
  private final LittleEndianOutput index;
  private long docs;
  private long tokens;
  private boolean closed;

  public DatatroveShardWriter(Path dir, String name, String tokenizerName, TokenDtype dtype) throws IOException {
    if (tokenizerName.contains("|") || tokenizerName.contains("\n")) {
      throw new IllegalArgumentException("tokenizerName must not contain '|' or newline: " + tokenizerName);
    }
    this.dir = dir;
    this.name = name;
    this.tokenizerName = tokenizerName;
    this.dtype = dtype;
    this.ds = LittleEndianOutput.create(dir.resolve(name + ".ds"));
    this.index = LittleEndianOutput.create(dir.resolve(name + ".ds.index"));
  }

  @Override
  public void add(int[] ids) throws IOException {
    for (int id : ids) {
      ds.token(dtype, id);
    }
    tokens += ids.length;
    docs++;
    index.i64(tokens);
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
    return List.of(name + ".ds", name + ".ds.index", name + ".ds.metadata");
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    ds.close();
    index.close();
    String meta = tokenizerName + "|" + dtype.bytes + "\n" + tokens + "\n" + humanTokens(tokens);
    Files.writeString(dir.resolve(name + ".ds.metadata"), meta, StandardCharsets.UTF_8);
  }

  /**
   * The count with an SI prefix (k, M, G, T, P), three significant digits, trailing zeros dropped, then
   * {@code T} for tokens: 12 → {@code 12T}, 1234 → {@code 1.23kT}, 5_000_000 → {@code 5MT}.
   */
  public static String humanTokens(long n) {
    String prefixes = "kMGTPE";
    if (n < 1000) {
      return n + "T";
    }
    int exp = (int) Math.floor(Math.log10(n));
    int group = exp / 3;
    java.math.BigDecimal v = java.math.BigDecimal.valueOf(n).movePointLeft(group * 3)
        .round(new java.math.MathContext(3, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
    return v.toPlainString() + prefixes.charAt(group - 1) + "T";
  }
}

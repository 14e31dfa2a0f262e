package kiln.tokenize;

/**
 * On-disk width of token ids. Megatron stores a dtype code in its index; datatrove only a byte count.
 * Both rules keep ids little-endian and unsigned in practice (ids are never negative).
 */
public enum TokenDtype {
  /** Megatron code 8 ({@code numpy.uint16}). */
  UINT16(8, 2),
  /** Megatron code 4 ({@code numpy.int32}); datatrove reads the same bytes as {@code '<I'}. */
  INT32(4, 4);

  /** Megatron's {@code DType.optimal_dtype}: uint16 below this vocabulary size, else int32. */
  public static final int MEGATRON_UINT16_LIMIT = 65500;
  /** datatrove's rule: 4-byte tokens when the vocabulary is larger than this, else 2. */
  public static final int DATATROVE_UINT16_MAX_VOCAB = 65536;

  public final int megatronCode;
  public final int bytes;

  TokenDtype(int megatronCode, int bytes) {
    this.megatronCode = megatronCode;
    this.bytes = bytes;
  }

  /** Megatron {@code tools/preprocess_data.py}: uint16 if {@code vocabSize < 65500}, else int32. */
  public static TokenDtype megatron(int vocabSize) {
    return vocabSize < MEGATRON_UINT16_LIMIT ? UINT16 : INT32;
  }

  /** datatrove {@code utils/tokenization.py}: 4 bytes if {@code vocabSize > 65536}, else 2. */
  public static TokenDtype datatrove(int vocabSize) {
    return vocabSize > DATATROVE_UINT16_MAX_VOCAB ? INT32 : UINT16;
  }

  public static TokenDtype ofMegatronCode(int code) {
    for (TokenDtype d : values()) {
      if (d.megatronCode == code) {
        return d;
      }
    }
    throw new IllegalArgumentException("unsupported Megatron dtype code " + code + " (expected 4=int32 or 8=uint16)");
  }

  /** numpy spelling, as written to manifests. */
  public String numpyName() {
    return this == UINT16 ? "uint16" : "int32";
  }

  /** Throws if {@code id} does not fit this width. */
  void check(int id) {
    if (id < 0 || (this == UINT16 && id > 0xFFFF)) {
      throw new IllegalArgumentException("token id " + id + " does not fit " + numpyName());
    }
  }
}

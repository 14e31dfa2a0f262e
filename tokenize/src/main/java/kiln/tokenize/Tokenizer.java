package kiln.tokenize;

/**
 * Text to token ids and back. Implementations hold native or large resources: open one per partition (or per
 * thread) and close it. Instances are not thread-safe unless the implementation says so.
 */
public interface Tokenizer extends AutoCloseable {

  /** Token ids of {@code text}, without BOS/EOS; ids are in {@code [0, vocabSize())}. */
  int[] encode(String text);

  /** The text of {@code ids}; control tokens (BOS/EOS/PAD) decode to nothing. */
  String decode(int[] ids);

  /** Number of ids, the size the model's embedding table needs (decides the shard dtype). */
  int vocabSize();

  /**
   * Stable identity written to manifests: kind, name and a sha256 prefix of the model bytes, e.g.
   * {@code spm:kiln-demo:ae6df1e22711}. Two tokenizers with the same id give the same ids.
   */
  String id();

  /** The id appended after each document (the model's EOS, Megatron's {@code eod}); -1 if none. */
  int eodId();

  /** The beginning-of-sequence id, or -1 if the model has none. */
  int bosId();

  @Override
  void close();
}

/**
 * Tokenizers (SentencePiece via JNI, Hugging Face tokenizers, tiktoken) behind one {@link kiln.tokenize.Tokenizer}
 * interface opened from a SPEC string ({@link kiln.tokenize.Tokenizers}), and writers of token shards in the
 * formats trainers read: Megatron-LM {@code .bin/.idx} and datatrove {@code .ds}. Pure Java, no Spark; the Spark
 * glue is in {@link kiln.tokenize.spark}.
 */
package kiln.tokenize;

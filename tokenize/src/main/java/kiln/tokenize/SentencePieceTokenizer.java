package kiln.tokenize;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SentencePiece through DJL's JNI binding (native SentencePiece 0.2.0 bundled in the jar; {@code DJL_CACHE_DIR}
 * sets where it is extracted). Ids equal {@code spm_encode --output_format=id} of the same model.
 *
 * <p>Long texts are encoded in chunks of about {@link #DEFAULT_CHUNK_CHARS} characters cut right after a
 * newline. That gives the same ids as encoding the whole text when the model's normalizer turns a newline into
 * whitespace and pieces never cross whitespace (the defaults: {@code nmt_nfkc}, {@code split_by_whitespace});
 * the constructor checks it ({@code "a\nb"} must encode like {@code "a b"}) and otherwise encodes whole texts.
 * Decoding runs in Java from the model's pieces ({@link SpmModel#decode}): DJL's native decode garbles
 * characters outside the BMP.
 */
public final class SentencePieceTokenizer implements Tokenizer {
  /** Chunk size for long documents, in chars; bounds the native buffers per call. */
  public static final int DEFAULT_CHUNK_CHARS = 1 << 16;

  private final SpTokenizer sp;
  private final SpProcessor proc;
  private final SpmModel model;
  private final String id;
  private final int chunkChars;
  private final boolean newlineSplits;

  /** Loads {@code modelBytes}; {@code name} (e.g. the file name without {@code .model}) goes into {@link #id()}. */
  public SentencePieceTokenizer(byte[] modelBytes, String name, int chunkChars) {
    if (chunkChars < 1) {
      throw new IllegalArgumentException("chunkChars must be >= 1, got " + chunkChars);
    }
    this.model = SpmModel.parse(modelBytes);
    this.sp = new SpTokenizer(modelBytes);
    this.proc = sp.getProcessor();
    this.id = "spm:" + name + ":" + sha256Prefix(modelBytes);
    this.chunkChars = chunkChars;
    this.newlineSplits = Arrays.equals(proc.encode("a\nb"), proc.encode("a b"))
        && Arrays.equals(proc.encode("a.\n\nb"), proc.encode("a. b"));
  }

  public SentencePieceTokenizer(byte[] modelBytes, String name) {
    this(modelBytes, name, DEFAULT_CHUNK_CHARS);
  }

  /** Loads a {@code .model} file; its name without {@code .model} goes into {@link #id()}. */
  public static SentencePieceTokenizer open(Path modelFile) {
    try {
      String name = modelFile.getFileName().toString().replaceFirst("\\.model$", "");
      return new SentencePieceTokenizer(Files.readAllBytes(modelFile), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SentencePiece model " + modelFile, e);
    }
  }

  @Override
  public int[] encode(String text) {
    if (text.length() <= chunkChars || !newlineSplits) {
      return text.isEmpty() ? new int[0] : proc.encode(text);
    }
    IntArrayBuilder out = new IntArrayBuilder(text.length() / 3);
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + chunkChars);
      if (end < text.length()) {
        int nl = text.lastIndexOf('\n', end - 1);
        // A line longer than the chunk stays whole: cutting inside a line could change its segmentation.
        end = nl >= start ? nl + 1 : Math.max(end, nextLineEnd(text, end));
      }
      out.add(proc.encode(text.substring(start, end)));
      start = end;
    }
    return out.toArray();
  }

  private static int nextLineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl + 1;
  }

  /** Whether long texts are chunked at newlines (see class comment). */
  public boolean splitsAtNewlines() {
    return newlineSplits;
  }

  @Override
  public String decode(int[] ids) {
    return model.decode(ids);
  }

  /** The piece strings of {@code ids} (e.g. {@code ▁Hello}, {@code <0xC3>}). */
  public String[] pieces(int[] ids) {
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = model.piece(ids[i]);
    }
    return out;
  }

  public SpmModel model() {
    return model;
  }

  @Override
  public int vocabSize() {
    return model.size();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int eodId() {
    return model.eosId();
  }

  @Override
  public int bosId() {
    return model.bosId();
  }

  @Override
  public void close() {
    sp.close();
  }

  static String sha256Prefix(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

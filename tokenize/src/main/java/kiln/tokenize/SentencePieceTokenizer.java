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
import kiln.core.util.IntList;
import kiln.tokenize.spm.SpmEncoder;

/**
 * SentencePiece through DJL's JNI binding (native SentencePiece 0.2.0 bundled in the jar; {@code DJL_CACHE_DIR}
 * sets where it is extracted). Ids equal {@code spm_encode --output_format=id} of the same model.
 *
 * <p>Texts are encoded line by line, as {@code spm_encode} does. With the usual normalizers a newline is
 * whitespace and pieces never cross whitespace, so in exact arithmetic this equals encoding the whole text; but
 * the native Viterbi sums float scores from the start of its input, and on a long text rounding flips rare
 * near-ties (measured on Alice in Wonderland with the demo model: {@code ▁w|or} vs {@code ▁wo|r} after 8,105
 * tokens). Lines make the ids independent of what precedes a line, bound each native call, and match the
 * reference tool. The constructor checks that the model treats a newline as whitespace ({@code "a\nb"} must
 * encode like {@code "a b"}); models that keep newlines (e.g. identity normalization) get whole texts.
 * Decoding runs in Java from the model's pieces ({@link SpmModel#decode}): DJL's native decode garbles
 * characters outside the BMP.
 *
 * <p>Unigram and BPE models are encoded by {@link SpmEncoder}, a Java port with the native arithmetic and
 * tie-breaking: a JNI call through DJL costs about as much as encoding a 70-byte line, so line-by-line native
 * encoding ran at 0.74x of {@code spm_encode}. Word and char models go through DJL's native processor.
 */
public final class SentencePieceTokenizer implements Tokenizer {
  private final SpTokenizer sp;
  private final SpProcessor proc;
  private final SpmEncoder encoder;
  private final IntSinkAdapter sink = new IntSinkAdapter();
  private final SpmModel model;
  private final String id;
  private final boolean newlineSplits;

  /** Loads {@code modelBytes}; {@code name} (e.g. the file name without {@code .model}) goes into {@link #id()}. */
  public SentencePieceTokenizer(byte[] modelBytes, String name) {
    this.model = SpmModel.parse(modelBytes);
    this.encoder = SpmEncoder.forModel(model);
    if (encoder != null) {
      this.sp = null;
      this.proc = null;
    } else {
      this.sp = new SpTokenizer(modelBytes);
      this.proc = sp.getProcessor();
    }
    this.id = "spm:" + name + ":" + sha256Prefix(modelBytes);
    this.newlineSplits = Arrays.equals(encodeLine("a\nb"), encodeLine("a b"))
        && Arrays.equals(encodeLine("a.\n\nb"), encodeLine("a. b"));
  }

  /** Whether ids come from the Java encoder rather than the native library. */
  public boolean encodesInJava() {
    return encoder != null;
  }

  private int[] encodeLine(String text) {
    if (encoder == null) {
      return proc.encode(text);
    }
    IntList out = new IntList(16);
    sink.target = out;
    encoder.encode(text, 0, text.length(), sink);
    return out.toArray();
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
    if (encoder != null) {
      return encodeJava(text);
    }
    int nl = newlineSplits ? text.indexOf('\n') : -1;
    if (nl < 0) {
      return text.isEmpty() ? new int[0] : proc.encode(text);
    }
    IntList out = new IntList(text.length() / 3);
    int start = 0;
    while (start <= text.length()) {
      int end = nl < 0 ? text.length() : nl;
      if (end > start) {
        out.add(proc.encode(text.substring(start, end)));
      }
      start = end + 1;
      nl = start < text.length() ? text.indexOf('\n', start) : -1;
    }
    return out.toArray();
  }

  private int[] encodeJava(String text) {
    IntList out = new IntList(text.length() / 3);
    sink.target = out;
    if (!newlineSplits) {
      encoder.encode(text, 0, text.length(), sink);
      return out.toArray();
    }
    int start = 0;
    int len = text.length();
    while (start < len) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? len : nl;
      if (end > start) {
        encoder.encode(text, start, end, sink);
      }
      start = end + 1;
    }
    return out.toArray();
  }

  /** Whether texts are encoded line by line (see class comment). */
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
    if (sp != null) {
      sp.close();
    }
  }

  static String sha256Prefix(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package kiln.tokenize.spm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.tokenize.SpmModel;

/**
 * What SentencePiece's processor does around a model's segmentation: the text goes to UTF-8, through the
 * {@link SpmNormalizer}, to the model ({@link UnigramEncoder} or {@link BpeEncoder}), and the resulting pieces
 * become ids as in {@code PopulateSentencePieceText}: an unknown piece gives the unknown id, consecutive unknown
 * pieces merged into one, or with {@code byte_fallback} one {@code <0xNN>} id per UTF-8 byte. Not thread-safe
 * (reuses its buffers): one per thread.
 */
public abstract class SpmEncoder {
  /** Receives ids without boxing. */
  @FunctionalInterface
  public interface IntSink {
    void add(int id);
  }

  protected final ByteTrie pieces;
  protected final float[] scores;
  protected final byte[] types;
  protected final int unkId;
  /** The model's user-defined symbols as a trie, or null when it has none. */
  protected final ByteTrie userSymbols;
  private final Map<String, Integer> reserved = new HashMap<>();
  private final boolean byteFallback;
  private final int[] byteIds = new int[256];
  private final SpmNormalizer normalizer;
  private final ByteBuf utf8 = new ByteBuf(1024);
  private final ByteBuf normalized = new ByteBuf(1024);
  private boolean prevUnk;

  protected SpmEncoder(SpmModel model) {
    int n = model.size();
    scores = new float[n];
    types = new byte[n];
    pieces = new ByteTrie(n * 8);
    List<String> userDefined = new ArrayList<>();
    int unk = -1;
    for (int id = 0; id < n; id++) {
      int type = model.type(id);
      scores[id] = model.score(id);
      types[id] = (byte) type;
      // spm's InitializePieces: normal, user-defined and unused pieces are the vocabulary the model searches;
      // the others (unknown, control, byte) are reserved ids found only by exact lookup.
      if (type == SpmModel.NORMAL || type == SpmModel.USER_DEFINED || type == SpmModel.UNUSED) {
        pieces.put(model.piece(id).getBytes(StandardCharsets.UTF_8), id);
      } else {
        reserved.putIfAbsent(model.piece(id), id);
      }
      if (type == SpmModel.USER_DEFINED) {
        userDefined.add(model.piece(id));
      }
      if (type == SpmModel.UNKNOWN) {
        unk = id;
      }
    }
    if (unk < 0) {
      throw new IllegalArgumentException("SentencePiece model has no unknown piece");
    }
    unkId = unk;
    byteFallback = model.byteFallback();
    for (int b = 0; b < 256; b++) {
      byteIds[b] = reserved.getOrDefault(String.format(Locale.ROOT, "<0x%02X>", b), unk);
    }
    if (userDefined.isEmpty()) {
      userSymbols = null;
    } else {
      userSymbols = new ByteTrie(userDefined.size() * 8);
      for (String u : userDefined) {
        userSymbols.put(u.getBytes(StandardCharsets.UTF_8), 1);
      }
    }
    normalizer = new SpmNormalizer(model, userSymbols);
  }

  /** The Java encoder for {@code model}, or null for model types only the native library encodes (word, char). */
  public static SpmEncoder forModel(SpmModel model) {
    return switch (model.modelType()) {
      case SpmModel.MODEL_UNIGRAM -> new UnigramEncoder(model);
      case SpmModel.MODEL_BPE -> new BpeEncoder(model);
      default -> null;
    };
  }

  /** Appends the ids of {@code text[from, to)}, encoded as one input (one {@code spm_encode} line). */
  public final void encode(CharSequence text, int from, int to, IntSink out) {
    utf8.clear();
    utf8.addUtf8(text, from, to);
    normalizer.normalize(utf8.a, 0, utf8.n, normalized);
    prevUnk = false;
    if (normalized.n > 0) {
      segment(normalized.a, normalized.n, out);
    }
  }

  /** Splits normalized UTF-8 {@code s[0, size)} into pieces, passing each to {@link #emit} in order. */
  protected abstract void segment(byte[] s, int size, IntSink out);

  /** Emits piece {@code s[start, end)} with vocabulary id {@code id}. */
  protected final void emit(byte[] s, int start, int end, int id, IntSink out) {
    boolean unk = types[id] == SpmModel.UNKNOWN;
    if (unk && byteFallback) {
      for (int k = start; k < end; k++) {
        out.add(byteIds[s[k] & 0xff]);
      }
    } else if (!(unk && prevUnk)) {
      out.add(id);
    }
    prevUnk = unk;
  }

  /** spm's {@code PieceToId}: vocabulary, then reserved pieces, else the unknown id. */
  protected final int pieceToId(byte[] s, int start, int end) {
    int id = pieces.get(s, start, end);
    if (id >= 0) {
      return id;
    }
    Integer r = reserved.get(new String(s, start, end - start, StandardCharsets.UTF_8));
    return r != null ? r : unkId;
  }

  /** Copies of {@code a} grown to at least {@code n} entries, for the per-line scratch arrays. */
  static int[] grow(int[] a, int n) {
    return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
  }
}

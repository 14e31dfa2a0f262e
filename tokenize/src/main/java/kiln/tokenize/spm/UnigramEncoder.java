package kiln.tokenize.spm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kiln.tokenize.SpmModel;

/**
 * SentencePiece unigram encoding ({@code unigram::Model::EncodeOptimized} plus the processor's unknown-piece
 * handling), in Java. For each end position the best path is kept; pieces starting at a position are tried
 * shortest first and a later start replaces the stored path only when strictly better, so ties break as in the
 * native code. The arithmetic is the native one too: a piece candidate is {@code (double) score + (double)
 * bestSoFar} compared in double and stored as float (the C++ ternary with the user-defined bonus makes the
 * score a double), an unknown candidate is a float sum. Equal arithmetic matters: path sums are rounded at every
 * step, and near-ties flip under any other order (which is also why texts are encoded line by line, like
 * {@code spm_encode}: see {@link kiln.tokenize.SentencePieceTokenizer}).
 *
 * <p>Unknown characters become the unknown id, consecutive ones merged into one, or with {@code byte_fallback}
 * one {@code <0xNN>} piece per UTF-8 byte. Not thread-safe (reuses its buffers): one per thread.
 */
public final class UnigramEncoder {
  private static final float UNK_PENALTY = 10.0f;

  private final ByteTrie pieces;
  private final float[] scores;
  private final byte[] types;
  private final int unkId;
  private final float unkScore;
  private final float maxScore;
  private final boolean byteFallback;
  private final int[] byteIds = new int[256];
  private final SpmNormalizer normalizer;

  private final ByteBuf utf8 = new ByteBuf(1024);
  private final ByteBuf normalized = new ByteBuf(1024);
  private float[] bestScore = new float[1024];
  private int[] startsAt = new int[1024];
  private int[] bestId = new int[1024];
  private int[] path = new int[1024];

  public UnigramEncoder(SpmModel model) {
    if (model.modelType() != SpmModel.MODEL_UNIGRAM) {
      throw new IllegalArgumentException("not a unigram model (model_type " + model.modelType() + ")");
    }
    int n = model.size();
    scores = new float[n];
    types = new byte[n];
    List<String> userDefined = new ArrayList<>();
    pieces = new ByteTrie(n * 8);
    // spm's Model(): min/max over NORMAL pieces, starting from FLT_MAX and FLT_MIN (the smallest positive float,
    // not the most negative one), so maxScore stays positive for all-negative log-probabilities.
    float min = Float.MAX_VALUE;
    float max = Float.MIN_NORMAL;
    int unk = -1;
    for (int id = 0; id < n; id++) {
      int type = model.type(id);
      scores[id] = model.score(id);
      types[id] = (byte) type;
      if (type == SpmModel.NORMAL || type == SpmModel.USER_DEFINED || type == SpmModel.UNUSED) {
        pieces.put(model.piece(id).getBytes(StandardCharsets.UTF_8), id);
      }
      if (type == SpmModel.NORMAL) {
        min = Math.min(min, scores[id]);
        max = Math.max(max, scores[id]);
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
    unkScore = min - UNK_PENALTY;
    maxScore = max;
    byteFallback = model.byteFallback();
    Arrays.fill(byteIds, unk);
    for (int id = 0; id < n; id++) {
      if (model.type(id) == SpmModel.BYTE) {
        String p = model.piece(id);
        for (int b = 0; b < 256; b++) {
          if (p.equals(String.format(Locale.ROOT, "<0x%02X>", b))) {
            byteIds[b] = id;
          }
        }
      }
    }
    normalizer = new SpmNormalizer(model, userDefined);
  }

  /** Appends the ids of {@code text[from, to)}, encoded as one input (one {@code spm_encode} line). */
  public void encode(CharSequence text, int from, int to, IntSink out) {
    utf8.clear();
    utf8.addUtf8(text, from, to);
    normalizer.normalize(utf8.a, 0, utf8.n, normalized);
    viterbi(normalized.a, normalized.n, out);
  }

  /** Receives ids without boxing. */
  @FunctionalInterface
  public interface IntSink {
    void add(int id);
  }

  private void viterbi(byte[] s, int size, IntSink out) {
    if (size == 0) {
      return;
    }
    if (size + 1 > startsAt.length) {
      int cap = Math.max(size + 1, startsAt.length * 2);
      bestScore = new float[cap];
      startsAt = new int[cap];
      bestId = new int[cap];
      path = new int[cap];
    }
    float[] best = bestScore;
    int[] from = startsAt;
    int[] ids = bestId;
    Arrays.fill(from, 0, size + 1, -1);
    best[0] = 0f;
    int start = 0;
    while (start < size) {
      float tillHere = best[start];
      boolean hasSingle = false;
      int mblen = Math.min(Utf8.oneCharLen(s[start]), size - start);
      int node = ByteTrie.ROOT;
      for (int k = start; k < size; ) {
        node = pieces.child(node, s[k]);
        if (node < 0) {
          break;
        }
        k++;
        int id = pieces.value(node);
        if (id < 0 || types[id] == SpmModel.UNUSED) {
          continue;
        }
        int length = k - start;
        double score = types[id] == SpmModel.USER_DEFINED ? (double) (length * maxScore) - 0.1 : scores[id];
        double candidate = score + tillHere;
        if (from[k] == -1 || candidate > best[k]) {
          best[k] = (float) candidate;
          from[k] = start;
          ids[k] = id;
        }
        if (!hasSingle && length == mblen) {
          hasSingle = true;
        }
      }
      if (!hasSingle) {
        int k = start + mblen;
        float candidate = unkScore + tillHere;
        if (from[k] == -1 || candidate > best[k]) {
          best[k] = candidate;
          from[k] = start;
          ids[k] = unkId;
        }
      }
      start += mblen;
    }
    // Backtrack end positions, then emit front to back.
    int m = 0;
    for (int end = size; end > 0; end = from[end]) {
      path[m++] = end;
    }
    boolean prevUnk = false;
    for (int j = m - 1; j >= 0; j--) {
      int end = path[j];
      int id = ids[end];
      boolean unk = id == unkId;
      if (unk && byteFallback) {
        for (int k = from[end]; k < end; k++) {
          out.add(byteIds[s[k] & 0xff]);
        }
      } else if (!(unk && prevUnk)) {
        out.add(id);
      }
      prevUnk = unk;
    }
  }
}

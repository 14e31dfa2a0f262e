package kiln.tokenize.spm;

import java.util.Arrays;
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
 * <p>Unknown characters and ids: see {@link SpmEncoder}. Not thread-safe: one per thread.
 */
public final class UnigramEncoder extends SpmEncoder {
  private static final float UNK_PENALTY = 10.0f;

  private final float unkScore;
  private final float maxScore;
  private float[] bestScore = new float[1024];
  private int[] startsAt = new int[1024];
  private int[] bestId = new int[1024];
  private int[] path = new int[1024];

  public UnigramEncoder(SpmModel model) {
    super(model);
    if (model.modelType() != SpmModel.MODEL_UNIGRAM) {
      throw new IllegalArgumentException("not a unigram model (model_type " + model.modelType() + ")");
    }
    // spm's Model(): min/max over NORMAL pieces, starting from FLT_MAX and FLT_MIN (the smallest positive float,
    // not the most negative one), so maxScore stays positive for all-negative log-probabilities.
    float min = Float.MAX_VALUE;
    float max = Float.MIN_NORMAL;
    for (int id = 0; id < types.length; id++) {
      if (types[id] == SpmModel.NORMAL) {
        min = Math.min(min, scores[id]);
        max = Math.max(max, scores[id]);
      }
    }
    unkScore = min - UNK_PENALTY;
    maxScore = max;
  }

  @Override
  protected void segment(byte[] s, int size, IntSink out) {
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
    for (int j = m - 1; j >= 0; j--) {
      int end = path[j];
      emit(s, from[end], end, ids[end], out);
    }
  }
}

package kiln.tokenize.spm;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import kiln.tokenize.SpmModel;

/**
 * SentencePiece BPE encoding ({@code bpe::Model::Encode}) in Java. The normalized text is split into characters
 * (a user-defined symbol is one frozen symbol), every adjacent pair that is a vocabulary piece goes on an agenda,
 * and the best pair is merged until none is left: highest piece score first, on equal scores the leftmost.
 * Merged pairs whose entries went stale are skipped by the same size check as the native code. A piece of type
 * unused that was reached by merging is split back into the two pieces it was merged from (the last such merge
 * of that string wins, as in the native {@code rev_merge} map). Unknown characters and ids: see
 * {@link SpmEncoder}. Not thread-safe: one per thread.
 */
public final class BpeEncoder extends SpmEncoder {
  // Symbols of the current line: byte range, neighbours, frozen (user-defined symbols never merge).
  private int[] symStart = new int[256];
  private int[] symLen = new int[256];
  private int[] prev = new int[256];
  private int[] next = new int[256];
  private boolean[] frozen = new boolean[256];

  // Candidate pairs and the agenda (a binary max-heap of pair indices).
  private int[] pairLeft = new int[256];
  private int[] pairRight = new int[256];
  private float[] pairScore = new float[256];
  private int[] pairSize = new int[256];
  private int pairs;
  private int[] heap = new int[256];
  private int heapSize;
  private final Map<String, Integer> revMerge = new HashMap<>();

  public BpeEncoder(SpmModel model) {
    super(model);
    if (model.modelType() != SpmModel.MODEL_BPE) {
      throw new IllegalArgumentException("not a BPE model (model_type " + model.modelType() + ")");
    }
  }

  @Override
  protected void segment(byte[] s, int size, IntSink out) {
    int n = 0;
    pairs = 0;
    heapSize = 0;
    revMerge.clear();
    for (int pos = 0; pos < size; n++) {
      ensureSymbols(n + 1);
      int len = userSymbols == null ? 0 : userSymbols.longestKey(s, pos, size);
      frozen[n] = len > 0;
      if (len == 0) {
        len = Math.min(Utf8.oneCharLen(s[pos]), size - pos);
      }
      symStart[n] = pos;
      symLen[n] = len;
      prev[n] = n - 1;
      pos += len;
      next[n] = pos < size ? n + 1 : -1;
    }
    for (int i = 1; i < n; i++) {
      maybeAddPair(s, i - 1, i);
    }
    while (heapSize > 0) {
      int top = pop();
      int l = pairLeft[top];
      int r = pairRight[top];
      if (symLen[l] == 0 || symLen[r] == 0 || symLen[l] + symLen[r] != pairSize[top]) {
        continue; // stale: one side was merged away since this pair was queued
      }
      symLen[l] += symLen[r];
      next[l] = next[r];
      if (next[r] >= 0) {
        prev[next[r]] = l;
      }
      symLen[r] = 0;
      maybeAddPair(s, prev[l], l);
      maybeAddPair(s, l, next[l]);
    }
    for (int i = 0; i != -1; i = next[i]) {
      resegment(s, symStart[i], symStart[i] + symLen[i], out);
    }
  }

  private void resegment(byte[] s, int start, int end, IntSink out) {
    int id = pieceToId(s, start, end);
    if (types[id] == SpmModel.UNUSED) {
      Integer leftLen = revMerge.get(new String(s, start, end - start, StandardCharsets.ISO_8859_1));
      if (leftLen != null) {
        resegment(s, start, start + leftLen, out);
        resegment(s, start + leftLen, end, out);
        return;
      }
    }
    emit(s, start, end, id, out);
  }

  private void maybeAddPair(byte[] s, int left, int right) {
    if (left < 0 || right < 0 || frozen[left] || frozen[right]) {
      return;
    }
    int start = symStart[left];
    int end = start + symLen[left] + symLen[right];
    int id = pieces.get(s, start, end);
    if (id < 0) {
      return;
    }
    if (pairs == pairLeft.length) {
      int cap = pairs * 2;
      pairLeft = java.util.Arrays.copyOf(pairLeft, cap);
      pairRight = java.util.Arrays.copyOf(pairRight, cap);
      pairScore = java.util.Arrays.copyOf(pairScore, cap);
      pairSize = java.util.Arrays.copyOf(pairSize, cap);
    }
    int p = pairs++;
    pairLeft[p] = left;
    pairRight[p] = right;
    pairScore[p] = scores[id];
    pairSize[p] = end - start;
    push(p);
    if (types[id] == SpmModel.UNUSED) {
      // Keyed by the piece's bytes (Latin-1 maps bytes 1:1 to chars), as the native map is keyed by the string.
      revMerge.put(new String(s, start, end - start, StandardCharsets.ISO_8859_1), symLen[left]);
    }
  }

  /** Whether pair a comes out of the agenda before pair b: higher score, then smaller left index. */
  private boolean before(int a, int b) {
    return pairScore[a] > pairScore[b] || (pairScore[a] == pairScore[b] && pairLeft[a] < pairLeft[b]);
  }

  private void push(int p) {
    heap = grow(heap, heapSize + 1);
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(p, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = p;
  }

  private int pop() {
    int top = heap[0];
    int last = heap[--heapSize];
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= heapSize) {
        break;
      }
      if (c + 1 < heapSize && before(heap[c + 1], heap[c])) {
        c++;
      }
      if (!before(heap[c], last)) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
    return top;
  }

  private void ensureSymbols(int n) {
    if (n > symStart.length) {
      int cap = Math.max(n, symStart.length * 2);
      symStart = java.util.Arrays.copyOf(symStart, cap);
      symLen = java.util.Arrays.copyOf(symLen, cap);
      prev = java.util.Arrays.copyOf(prev, cap);
      next = java.util.Arrays.copyOf(next, cap);
      frozen = java.util.Arrays.copyOf(frozen, cap);
    }
  }
}

package kiln.filters.model;

/**
 * The bounded heap of fastText's {@code findKBest}/{@code dfs}: a {@code std::vector<pair<float, int>>} kept as a
 * heap with {@code comparePairs} (greater score first) and sorted with {@code std::sort_heap}. The sift steps are
 * libstdc++'s ({@code __push_heap}, {@code __adjust_heap}), so labels with equal scores come out in the same
 * order as from the fastText binary.
 */
final class TopK {
  private final float[] score;
  private final int[] id;
  private int size;

  TopK(int capacity) {
    score = new float[capacity];
    id = new int[capacity];
  }

  int size() {
    return size;
  }

  /** Empties the heap for reuse; {@code k} must stay below the capacity. */
  void clear() {
    size = 0;
  }

  float frontScore() {
    return score[0];
  }

  float score(int i) {
    return score[i];
  }

  int id(int i) {
    return id[i];
  }

  /** {@code push_back} then {@code push_heap}. */
  void push(float s, int label) {
    int hole = size++;
    pushHeap(hole, 0, s, label);
  }

  /** {@code pop_heap} then {@code pop_back}: drops the smallest score. */
  void popFront() {
    int last = size - 1;
    if (last > 0) {
      float s = score[last];
      int l = id[last];
      score[last] = score[0];
      id[last] = id[0];
      adjustHeap(0, last, s, l);
    }
    size--;
  }

  /** {@code std::sort_heap}: descending scores. */
  void sort() {
    for (int last = size - 1; last > 0; last--) {
      float s = score[last];
      int l = id[last];
      score[last] = score[0];
      id[last] = id[0];
      adjustHeap(0, last, s, l);
    }
  }

  private void pushHeap(int hole, int top, float s, int l) {
    int parent = (hole - 1) / 2;
    while (hole > top && score[parent] > s) {
      score[hole] = score[parent];
      id[hole] = id[parent];
      hole = parent;
      parent = (hole - 1) / 2;
    }
    score[hole] = s;
    id[hole] = l;
  }

  private void adjustHeap(int hole, int len, float s, int l) {
    int top = hole;
    int second = hole;
    while (second < (len - 1) / 2) {
      second = 2 * (second + 1);
      if (score[second] > score[second - 1]) {
        second--;
      }
      score[hole] = score[second];
      id[hole] = id[second];
      hole = second;
    }
    if ((len & 1) == 0 && second == (len - 2) / 2) {
      second = 2 * (second + 1);
      score[hole] = score[second - 1];
      id[hole] = id[second - 1];
      hole = second - 1;
    }
    pushHeap(hole, top, s, l);
  }
}

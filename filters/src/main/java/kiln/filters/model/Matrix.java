package kiln.filters.model;

/** A model matrix as inference uses it: add a row to a vector, dot a row with a vector. */
interface Matrix {
  long rows();

  int cols();

  /** {@code x += row(i)}, element by element in float. */
  void addRowTo(float[] x, int i);

  /** {@code x += row(rows[0]); x += row(rows[1]); ...} for the first {@code n} rows, in that order. */
  default void addRowsTo(float[] x, int[] rows, int n) {
    for (int i = 0; i < n; i++) {
      addRowTo(x, rows[i]);
    }
  }

  /** {@code sum_j row(i)[j] * v[j]}, accumulated in float from j = 0 up, as fastText does. */
  float dotRow(float[] v, int i);
}

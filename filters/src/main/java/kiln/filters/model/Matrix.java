package kiln.filters.model;

/** A model matrix as inference uses it: add a row to a vector, dot a row with a vector. */
interface Matrix {
  long rows();

  int cols();

  /** {@code x += row(i)}, element by element in float. */
  void addRowTo(float[] x, int i);

  /** {@code sum_j row(i)[j] * v[j]}, accumulated in float from j = 0 up, as fastText does. */
  float dotRow(float[] v, int i);
}

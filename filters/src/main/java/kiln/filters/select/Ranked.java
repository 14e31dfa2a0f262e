package kiln.filters.select;

/**
 * Where a document sits in a dataset-level ranking: its {@code group} (ranked separately, e.g. a language; "" for
 * one ranking over all) and its {@code key} (lower ranks first). Ties are broken by document id.
 */
public record Ranked(String group, double key) {
  public Ranked {
    if (group == null) {
      throw new IllegalArgumentException("group: must not be null");
    }
    if (Double.isNaN(key)) {
      throw new IllegalArgumentException("key: must not be NaN");
    }
    key = key + 0.0; // -0.0 becomes 0.0: Spark's sort treats them as equal, so must the comparison
  }
}

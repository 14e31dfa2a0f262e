package kiln.jobs.ingest;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One unit of ingest work: a file (or a directory tree, for code) and the byte range of it to read.
 *
 * @param path absolute path of the file or directory
 * @param name the path relative to its input root: what ids and {@code meta.file} use, so ids do not depend on
 *     where the data sits
 * @param start first byte (0 for whole files)
 * @param end end of the range, exclusive ({@link Long#MAX_VALUE} for whole files)
 */
public record InputSplit(String path, String name, long start, long end) implements Serializable,
    Comparable<InputSplit> {

  private static final Comparator<InputSplit> ORDER = Comparator.comparing(InputSplit::name)
      .thenComparingLong(InputSplit::start).thenComparing(InputSplit::path);

  public InputSplit {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ") for " + path);
    }
  }

  public static InputSplit whole(String path, String name) {
    return new InputSplit(path, name, 0, Long.MAX_VALUE);
  }

  @Override
  public int compareTo(InputSplit o) {
    return ORDER.compare(this, o);
  }
}

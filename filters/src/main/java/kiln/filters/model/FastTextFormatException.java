package kiln.filters.model;

import java.io.IOException;

/** The file is not a fastText model this reader can use; the message names the file and the problem. */
public final class FastTextFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public FastTextFormatException(String message) {
    super(message);
  }
}

package kiln.filters.model;

import java.io.IOException;
import java.util.List;

/** {@link ParityCorpus} for tests outside this package. */
public final class ParityCorpusAccess {
  private ParityCorpusAccess() {}

  public static List<String> books() throws IOException {
    return ParityCorpus.books();
  }

  public static List<String> misc() throws IOException {
    return ParityCorpus.misc();
  }

  public static List<String> leipzig(String lang) throws IOException {
    return ParityCorpus.leipzig(lang);
  }
}

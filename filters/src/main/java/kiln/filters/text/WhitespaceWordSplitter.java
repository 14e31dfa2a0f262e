package kiln.filters.text;

import java.util.List;

/** Words are maximal runs of non-whitespace (Python's {@code str.split()}). */
public final class WhitespaceWordSplitter implements WordSplitter {
  public static final WhitespaceWordSplitter INSTANCE = new WhitespaceWordSplitter();

  private WhitespaceWordSplitter() {}

  @Override
  public List<String> words(String text) {
    return PyStr.split(text);
  }
}

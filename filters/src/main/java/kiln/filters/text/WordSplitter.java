package kiln.filters.text;

import java.util.List;

/**
 * Splits text into words. Implementations are thread-safe.
 *
 * <ul>
 *   <li>{@code unicode} ({@link IcuWordSplitter}): Unicode word segmentation (UAX #29) with dictionary
 *       segmentation for Chinese, Japanese, Thai, Lao, Khmer, Myanmar; punctuation is not a word. The default.
 *   <li>{@code whitespace} ({@link WhitespaceWordSplitter}): Python's {@code str.split()}; wrong for scripts
 *       written without spaces.
 *   <li>{@code spacy_en} ({@link SpacyEnglishTokenizer}): spaCy's blank English tokenizer, punctuation marks
 *       are tokens; what datatrove uses, so {@code compat: datatrove} uses it.
 * </ul>
 */
public interface WordSplitter {

  List<String> words(String text);

  /** {@code words(text).size()}; splitters may count without making the words. */
  default int count(String text) {
    return words(text).size();
  }

  static WordSplitter of(String name) {
    return switch (name) {
      case "unicode" -> IcuWordSplitter.INSTANCE;
      case "whitespace" -> WhitespaceWordSplitter.INSTANCE;
      case "spacy_en" -> SpacyEnglishTokenizer.INSTANCE;
      default -> throw new IllegalArgumentException("words: unknown splitter '" + name
          + "' (expected unicode|whitespace|spacy_en)");
    };
  }

  String[] NAMES = {"unicode", "whitespace", "spacy_en"};
}

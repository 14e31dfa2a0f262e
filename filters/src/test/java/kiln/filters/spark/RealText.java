package kiln.filters.spark;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.core.SharedData;
import org.junit.jupiter.api.Assumptions;

/** Real text from the shared corpora ($KILN_SHARED/data), cut into documents for the selection tests. */
final class RealText {
  private RealText() {}

  static Path data(String rel) {
    Path p = SharedData.data(rel).orElse(null);
    Assumptions.assumeTrue(p != null, "needs shared data " + rel + " ($KILN_SHARED or ../shared)");
    return p;
  }

  /**
   * The paragraphs (blank-line separated, lines joined by a space) of Gutenberg book {@code pgN.txt} with at
   * least {@code minWords} words, between the "*** START OF" and "*** END OF" markers when present.
   */
  static List<String> gutenbergParagraphs(String book, Charset cs, int minWords) throws IOException {
    String text = new String(Files.readAllBytes(data("books/gutenberg").resolve(book + ".txt")), cs)
        .replace("\uFEFF", "").replace("\r\n", "\n");
    int start = text.indexOf("*** START OF");
    if (start >= 0) {
      text = text.substring(text.indexOf('\n', start) + 1);
    }
    int end = text.indexOf("*** END OF");
    if (end >= 0) {
      text = text.substring(0, end);
    }
    List<String> out = new ArrayList<>();
    for (String p : text.split("\n\\s*\n")) {
      String t = p.strip().replaceAll("\\s*\n\\s*", " ");
      if (t.split("\\s+").length >= minWords) {
        out.add(t);
      }
    }
    return out;
  }

  static List<String> gutenbergParagraphs(String book, int minWords) throws IOException {
    return gutenbergParagraphs(book, StandardCharsets.UTF_8, minWords);
  }

  /** The sentences of a Leipzig test file ({@code de}, {@code fr}, ...). */
  static List<String> leipzig(String lang) throws IOException {
    return Files.readAllLines(data("multilingual/lingua-leipzig-testdata/sentences").resolve(lang + ".txt"),
        StandardCharsets.UTF_8);
  }
}

package kiln.filters.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kiln.core.SharedData;
import org.junit.jupiter.api.Assumptions;

/**
 * Real lines from the shared corpora, by kind: {@code book} (Gutenberg lines), {@code speech} (State of the
 * Union sentences) and {@code misc} (the nlp-corpus sentences: reviews, UN text, news). Deterministic order.
 */
final class ParityCorpus {
  private ParityCorpus() {}

  static Path data(String rel) {
    Path p = SharedData.data(rel).orElse(null);
    Assumptions.assumeTrue(p != null, "needs shared data " + rel);
    return p;
  }

  static List<String> books() throws IOException {
    List<String> out = new ArrayList<>();
    for (Path p : sorted(data("books/gutenberg"))) {
      String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String t = line.strip();
        if (t.length() >= 30) {
          out.add(t);
        }
      }
    }
    return out;
  }

  static List<String> speeches() throws IOException {
    List<String> out = new ArrayList<>();
    for (Path p : sorted(data("books/sotu"))) {
      String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
      for (String s : text.split("(?<=[.!?])\\s+")) {
        String t = s.strip();
        if (t.length() >= 30) {
          out.add(t.replace('\n', ' '));
        }
      }
    }
    return out;
  }

  static List<String> misc() throws IOException {
    List<String> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    Path dir = data("quality/nlp-corpus");
    for (int i = 0; i < 100; i++) {
      Path p = dir.resolve("doc-" + i + ".json");
      if (!Files.isRegularFile(p)) {
        continue;
      }
      for (JsonNode n : json.readTree(p.toFile())) {
        String t = n.asText().strip().replace('\n', ' ');
        if (t.length() >= 20) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** Sentences of a Leipzig test file ({@code en}, {@code de}, ...). */
  static List<String> leipzig(String lang) throws IOException {
    return Files.readAllLines(data("multilingual/lingua-leipzig-testdata/sentences").resolve(lang + ".txt"),
        StandardCharsets.UTF_8);
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
  }

  /** Writes lines joined by {@code \n} with a final {@code \n} (how fastText expects a file). */
  static Path write(Path file, List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    return file;
  }
}

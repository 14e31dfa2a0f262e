package kiln.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.core.util.IntList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our ids equal {@code spm_encode --output_format=id} (Debian's native SentencePiece) on real text: books,
 * web HTML, sentences in many languages, Java source; whole multi-line documents on our side, the same text
 * line by line through spm_encode.
 */
class SpmEncodeParityTest {
  @TempDir Path tmp;

  static boolean spmEncodeAvailable() {
    try {
      return new ProcessBuilder("spm_encode", "--help").redirectErrorStream(true).start().waitFor() >= 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static Map<String, String> realTexts() throws IOException {
    Map<String, String> texts = new LinkedHashMap<>();
    Path books = SharedData.data("books/gutenberg").orElse(null);
    Assumptions.assumeTrue(books != null, "needs $KILN_SHARED/data/books/gutenberg");
    try (Stream<Path> s = Files.list(books)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".txt")).sorted().limit(4).toList()) {
        // Latin-1 files decode with U+FFFD replacements: still real text for both encoders.
        texts.put(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
      }
    }
    SharedData.data("web/html/mozilla-readability-testpages").ifPresent(dir -> {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path f : s.filter(p -> p.getFileName().toString().equals("source.html")).sorted().limit(15).toList()) {
          texts.put(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    SharedData.data("multilingual/lingua-leipzig-testdata/sentences").ifPresent(dir -> {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
          texts.put(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Path root = Path.of(System.getProperty("kiln.root", ".."));
    try (Stream<Path> s = Files.walk(root.resolve("core/src/main/java"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        texts.put(f.toString(), Files.readString(f));
      }
    }
    return texts;
  }

  @Test
  void idsEqualSpmEncode() throws Exception {
    Assumptions.assumeTrue(spmEncodeAvailable(), "spm_encode not found: install Debian package sentencepiece");
    Map<String, String> texts = realTexts();
    Path model = tmp.resolve("kiln-demo.model");
    Files.write(model, Tokenizers.builtinModel("kiln-demo"));
    List<Integer> lineCounts = new ArrayList<>();
    StringBuilder input = new StringBuilder();
    for (String text : texts.values()) {
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      if (lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      lineCounts.add(lines.size());
      lines.forEach(l -> input.append(l).append('\n'));
    }
    Path in = tmp.resolve("in.txt");
    Files.writeString(in, input, StandardCharsets.UTF_8);
    Path out = tmp.resolve("out.txt");
    Process p = new ProcessBuilder("spm_encode", "--model=" + model, "--output_format=id", "--input=" + in,
        "--output=" + out).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor() == 0, "spm_encode failed: " + log);
    List<String> outLines = Files.readAllLines(out, StandardCharsets.UTF_8);
    int line = 0;
    int docs = 0;
    long tokens = 0;
    try (Tokenizer tok = Tokenizers.open("spm:" + model)) {
      int i = 0;
      for (Map.Entry<String, String> e : texts.entrySet()) {
        IntList expected = new IntList(1024);
        for (int k = 0; k < lineCounts.get(i); k++) {
          for (String t : outLines.get(line++).trim().split(" ")) {
            if (!t.isEmpty()) {
              expected.add(Integer.parseInt(t));
            }
          }
        }
        i++;
        int[] exp = expected.toArray();
        assertArrayEquals(exp, tok.encode(e.getValue()), e.getKey());
        docs++;
        tokens += exp.length;
      }
    }
    assertTrue(docs > 50 && tokens > 1_000_000, docs + " docs, " + tokens + " tokens");
  }
}

package kiln.dedup.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Real text from {@code $KILN_SHARED/data} for benchmarks, and seeded edits that make near duplicates. */
final class RealText {
  private RealText() {}

  /** UTF-8 (BOM dropped) when valid, else ISO-8859-1: the shared corpus holds both. */
  static String read(Path p) throws IOException {
    byte[] b = Files.readAllBytes(p);
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      return new String(b, StandardCharsets.ISO_8859_1);
    }
  }

  /** Whitespace-separated words of every book and State of the Union address, in file order. */
  static List<String> words(Path data) throws IOException {
    List<String> out = new ArrayList<>();
    for (String dir : List.of("books/gutenberg", "books/sotu")) {
      Path d = data.resolve(dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
          for (String w : read(f).split("\\s+")) {
            if (!w.isEmpty()) {
              out.add(w);
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Edits each word with probability {@code rate}: a third substituted by a random corpus word, a third
   * deleted, a third followed by an inserted random corpus word.
   */
  static String edit(List<String> words, double rate, List<String> vocab, SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      double u = r.nextDouble();
      if (u < rate / 3) {
        sb.append(vocab.get(r.nextInt(vocab.size()))).append(' ');
      } else if (u < 2 * rate / 3) {
        continue;
      } else if (u < rate) {
        sb.append(w).append(' ').append(vocab.get(r.nextInt(vocab.size()))).append(' ');
      } else {
        sb.append(w).append(' ');
      }
    }
    return sb.toString().trim();
  }
}

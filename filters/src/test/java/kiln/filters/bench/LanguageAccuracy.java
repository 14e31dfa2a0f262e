package kiln.filters.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.filters.lang.LanguageIdentifier;
import kiln.filters.lang.OptimaizeLanguageIdentifier;

/**
 * Accuracy of the bundled language identifier on the lingua Leipzig test data: for each language file
 * ({@code <iso>.txt}, one sample per line) the fraction of lines predicted as that language. Prints a table
 * and the mean over the languages the detector supports.
 *
 * <p>Usage: {@code LanguageAccuracy [sentences|single-words|word-pairs ...]}.
 */
public final class LanguageAccuracy {

  /** Per-language accuracy of one test set. */
  public record Result(Map<String, Double> supported, Set<String> unsupported, double mean, long lines) {}

  /** Languages the bundled detector has a profile for (ISO 639-1). */
  public static final Set<String> OPTIMAIZE = OptimaizeLanguageIdentifier.supportedLanguages();

  public static Result measure(LanguageIdentifier id, Path dir, int maxLinesPerLanguage) throws IOException {
    Map<String, Double> acc = new TreeMap<>();
    Set<String> unsupported = new TreeSet<>();
    long lines = 0;
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    for (Path f : files) {
      String lang = f.getFileName().toString().replace(".txt", "");
      // the test data says nb (Bokmål); optimaize's profile is "no"
      String expect = lang.equals("nb") ? "no" : lang;
      if (!OPTIMAIZE.contains(expect)) {
        unsupported.add(lang);
        continue;
      }
      int ok = 0;
      int n = 0;
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        if (n >= maxLinesPerLanguage) {
          break;
        }
        n++;
        if (id.identify(line).lang().equals(expect)) {
          ok++;
        }
      }
      lines += n;
      acc.put(lang, n == 0 ? 0 : (double) ok / n);
    }
    double mean = acc.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return new Result(acc, unsupported, mean, lines);
  }

  public static void main(String[] args) throws IOException {
    List<String> sets = args.length == 0 ? List.of("sentences", "single-words", "word-pairs") : List.of(args);
    LanguageIdentifier id = new OptimaizeLanguageIdentifier(OptimaizeLanguageIdentifier.DEFAULT_MAX_CHARS);
    Map<String, Result> results = new TreeMap<>();
    for (String set : sets) {
      long t0 = System.nanoTime();
      Result r = measure(id, SharedData.data("multilingual/lingua-leipzig-testdata/" + set).orElseThrow(
          () -> new IllegalStateException("missing shared data multilingual/lingua-leipzig-testdata (set KILN_SHARED)")),
          Integer.MAX_VALUE);
      double secs = (System.nanoTime() - t0) / 1e9;
      results.put(set, r);
      System.out.printf(Locale.ROOT, "LANGID set=%s model=%s languages=%d lines=%d mean_accuracy=%.4f seconds=%.1f "
          + "unsupported=%s%n", set, id.model(), r.supported().size(), r.lines(), r.mean(), secs, r.unsupported());
    }
    System.out.println("| lang | " + String.join(" | ", results.keySet()) + " |");
    System.out.println("|---|" + "---|".repeat(results.size()));
    Set<String> langs = new TreeSet<>();
    results.values().forEach(r -> langs.addAll(r.supported().keySet()));
    for (String l : langs) {
      List<String> cells = new ArrayList<>();
      for (Result r : results.values()) {
        Double a = r.supported().get(l);
        cells.add(a == null ? "-" : String.format(Locale.ROOT, "%.3f", a));
      }
      System.out.println("| " + l + " | " + String.join(" | ", cells) + " |");
    }
  }
}

package kiln.filters.bench;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.filters.lang.LanguageIdentifier;
import kiln.filters.lang.LinguaLanguageIdentifier;
import kiln.filters.lang.NgramNovelty;
import kiln.filters.lang.OptimaizeLanguageIdentifier;

/**
 * Writes, per Leipzig sample, what offline analysis of {@code und} rules needs (bench/langid-features.sh):
 * Lingua's confidence values over all 75 languages (the top {@link #TOP}), the 5-gram novelty counts of the
 * top labels, optimaize's label and probability, and the shipped identifier's label and score. Rules that only
 * restrict the candidates or post-process the top labels (leave-one-language-out, labels reported as
 * {@code und}) can then be replayed without rerunning Lingua; the shipped label checks how faithful the replay
 * is (Lingua's script rules depend on the candidate set, so the replay is not exact everywhere).
 *
 * <p>Usage: {@code LanguageFeatureDump --out FILE [--splits even:100,heldout:50] [--sets sentences,paragraphs]}.
 * Columns (tab-separated): split, set, language, index, classified length, optimaize label, optimaize
 * probability, shipped label, shipped score, {@code code:confidence} list, {@code code:fivegrams:unseen} list.
 */
public final class LanguageFeatureDump {
  static final int TOP = 8;
  static final int NOVELTY_TOP = 4;

  private LanguageFeatureDump() {}

  public static void main(String[] args) throws IOException {
    Path out = null;
    String splits = "even:100,heldout:50";
    List<String> sets = List.of("sentences", "paragraphs");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--splits" -> splits = args[++i];
        case "--sets" -> sets = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out FILE is required");
    }
    Path dir = SharedData.data("multilingual/lingua-leipzig-testdata").orElseThrow(
        () -> new IllegalStateException("missing shared data multilingual/lingua-leipzig-testdata (set KILN_SHARED)"))
        .resolve("sentences");
    LanguageDetector all = LanguageDetectorBuilder.fromAllLanguages().build();
    LinguaLanguageIdentifier shipped = LinguaLanguageIdentifier.withDefaults(LinguaLanguageIdentifier.Accuracy.HIGH);
    OptimaizeLanguageIdentifier opt = new OptimaizeLanguageIdentifier(OptimaizeLanguageIdentifier.DEFAULT_MAX_CHARS);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      for (String spec : splits.split(",")) {
        String[] sp = spec.split(":");
        LanguageAccuracy.Split split = LanguageAccuracy.Split.valueOf(sp[0].toUpperCase(Locale.ROOT));
        int max = Integer.parseInt(sp[1]);
        for (String set : sets) {
          boolean para = set.equals("paragraphs");
          for (Path f : files) {
            String lang = f.getFileName().toString().replace(".txt", "");
            int idx = 0;
            for (String text : LanguageAccuracy.samples(f, para, max, split)) {
              String t = shipped.classified(text);
              SortedMap<Language, Double> conf = all.computeLanguageConfidenceValues(t);
              List<String> cs = new ArrayList<>();
              List<String> nov = new ArrayList<>();
              for (Map.Entry<Language, Double> e : conf.entrySet()) {
                if (cs.size() == TOP) {
                  break;
                }
                String code = e.getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT);
                cs.add(String.format(Locale.ROOT, "%s:%.6f", code, e.getValue()));
                if (nov.size() < NOVELTY_TOP) {
                  int[] c = NgramNovelty.counts(code, t);
                  nov.add(code + ":" + (c == null ? -1 : c[0]) + ":" + (c == null ? -1 : c[1]));
                }
              }
              LanguageIdentifier.Prediction o = opt.identify(text);
              LanguageIdentifier.Prediction p = shipped.identify(text);
              w.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%s\t%.5f\t%s\t%.5f\t%s\t%s%n", sp[0], set, lang, idx++,
                  t.length(), o.lang(), o.score(), p.lang(), p.score(), String.join(",", cs), String.join(",", nov));
            }
            w.flush();
            System.err.println("done " + spec + " " + set + " " + lang);
          }
        }
      }
    }
  }
}

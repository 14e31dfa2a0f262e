package kiln.filters.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.filters.lang.CascadeLanguageIdentifier;
import kiln.filters.lang.LanguageIdentifier;
import kiln.filters.lang.LinguaLanguageIdentifier;
import kiln.filters.lang.NgramNovelty;
import kiln.filters.lang.OptimaizeLanguageIdentifier;

/**
 * Language-ID evaluation on the lingua Leipzig test data ({@code <iso>.txt}, one sample per line): for each
 * language the detector covers, the fraction of samples labelled with that language; for each language it does
 * not cover, the fraction labelled {@code und} (the right answer for a language the model does not know).
 *
 * <p>Lengths: {@code sentences}, {@code word-pairs}, {@code single-words} (the files as they are) and
 * {@code paragraphs} (5 consecutive sentences joined by a space, 200 per language). Speed is process CPU time
 * (Lingua runs part of its work on the common fork-join pool, so the calling thread's time would miss it) over
 * the classified characters, after a warm-up; load time and heap are measured around the first call.
 *
 * <p>Usage: {@code LanguageAccuracy [--models optimaize,lingua-high,lingua-low] [--sets sentences,word-pairs,
 * paragraphs] [--per-language N] [--unsupported DIR] [--dump FILE] [--split all|even|odd|heldout]
 * [--leave-one-out]}. {@code --unsupported DIR} adds text files
 * of more languages (same layout) to score {@code und}; {@code --dump} writes one line per sample.
 */
public final class LanguageAccuracy {
  public static final List<String> ALL_SETS = List.of("sentences", "word-pairs", "single-words", "paragraphs");
  public static final int PARAGRAPH_SENTENCES = 5;

  /** Accuracy per covered language, {@code und} rate per uncovered language, mean over covered ones. */
  public record Result(Map<String, Double> supported, Map<String, Double> undRate, double mean, long lines,
      long chars) {
    public Set<String> unsupported() {
      return undRate.keySet();
    }

    public double meanUndRate() {
      return undRate.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
  }

  /** The label a model should give a test file's language ({@code nb} is {@code no} for optimaize). */
  static String expected(LanguageIdentifier id, String lang) {
    Set<String> langs = id.languages();
    if (lang.equals("nb") && !langs.contains("nb") && langs.contains("no")) {
      return "no";
    }
    return lang;
  }

  /**
   * Which lines to use: all, those of even or odd index (one half to tune on, the other to measure on), or
   * {@code HELDOUT}: odd lines from index {@link #TUNED_LINES} on, which no shipped threshold has seen (the
   * earlier {@code und_score} table was tuned on lines 0-199, the novelty thresholds are calibrated on even lines).
   */
  public enum Split { ALL, EVEN, ODD, HELDOUT }

  public static final int TUNED_LINES = 200;

  /** Samples of one language at one length: the lines, or paragraphs of joined sentences. */
  public static List<String> samples(Path file, boolean paragraphs, int max) throws IOException {
    return samples(file, paragraphs, max, Split.ALL);
  }

  /** As above, from the lines of {@code split} only (a paragraph joins 5 consecutive lines of the split). */
  public static List<String> samples(Path file, boolean paragraphs, int max, Split split) throws IOException {
    List<String> lines = new ArrayList<>();
    int index = 0;
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        boolean use = switch (split) {
          case ALL -> true;
          case EVEN -> index % 2 == 0;
          case ODD -> index % 2 == 1;
          case HELDOUT -> index % 2 == 1 && index >= TUNED_LINES;
        };
        if (use) {
          lines.add(l.strip());
        }
        index++;
      }
    }
    List<String> out = new ArrayList<>();
    int step = paragraphs ? PARAGRAPH_SENTENCES : 1;
    for (int i = 0; i + step <= lines.size() && out.size() < max; i += step) {
      out.add(String.join(" ", lines.subList(i, i + step)));
    }
    return out;
  }

  public static Result measure(LanguageIdentifier id, Path dir, int maxPerLanguage) throws IOException {
    return measure(id, dir, false, maxPerLanguage, null);
  }

  public static Result measure(LanguageIdentifier id, Path dir, boolean paragraphs, int maxPerLanguage,
      PrintWriter dump) throws IOException {
    return measure(id, dir, paragraphs, maxPerLanguage, dump, Split.ALL);
  }

  public static Result measure(LanguageIdentifier id, Path dir, boolean paragraphs, int maxPerLanguage,
      PrintWriter dump, Split split) throws IOException {
    Map<String, Double> acc = new TreeMap<>();
    Map<String, Double> und = new TreeMap<>();
    long lines = 0;
    long chars = 0;
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    for (Path f : files) {
      String lang = f.getFileName().toString().replace(".txt", "");
      String expect = expected(id, lang);
      boolean covered = id.languages().contains(expect);
      int ok = 0;
      List<String> samples = samples(f, paragraphs, maxPerLanguage, split);
      for (String text : samples) {
        LanguageIdentifier.Prediction p = id.identify(text);
        chars += text.length();
        if (p.lang().equals(covered ? expect : "und")) {
          ok++;
        }
        if (dump != null) {
          int[] nov = p.lang().equals("und") ? null : NgramNovelty.counts(p.lang(), cut(text));
          dump.printf(Locale.ROOT, "%s\t%s\t%s\t%.5f\t%d\t%d\t%d%n", lang, covered ? "covered" : "uncovered",
              p.lang(), p.score(), text.length(), nov == null ? -1 : nov[0], nov == null ? -1 : nov[1]);
        }
      }
      lines += samples.size();
      double a = samples.isEmpty() ? 0 : (double) ok / samples.size();
      (covered ? acc : und).put(lang, a);
    }
    double mean = acc.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return new Result(acc, und, mean, lines, chars);
  }

  /**
   * Leave-one-language-out: for each language {@code L} that {@code base} (Lingua) covers, Lingua with
   * {@code L} also left out of the candidates labels {@code L}'s samples; the share labelled {@code und} is
   * how often a language the model does not know comes out {@code und} rather than as a neighbour's label
   * (a stand-in for the many languages no test file here has). Same thresholds as {@code base}.
   */
  public static Map<String, Double> leaveOneOut(LinguaLanguageIdentifier.Accuracy accuracy, boolean novelty,
      Path dir, boolean paragraphs, int max, Split split) throws IOException {
    Map<String, Double> out = new TreeMap<>();
    LinguaLanguageIdentifier base = new LinguaLanguageIdentifier(accuracy, LinguaLanguageIdentifier.DEFAULT_MAX_CHARS,
        LinguaLanguageIdentifier.DEFAULT_EXCLUDE, LinguaLanguageIdentifier.DEFAULT_UND_SCORE, Map.of(), novelty);
    for (String lang : base.languages()) {
      Path f = dir.resolve(lang + ".txt");
      if (!Files.exists(f)) {
        continue;
      }
      Set<String> exclude = new TreeSet<>(LinguaLanguageIdentifier.DEFAULT_EXCLUDE);
      exclude.add(lang);
      LinguaLanguageIdentifier id = new LinguaLanguageIdentifier(accuracy, LinguaLanguageIdentifier.DEFAULT_MAX_CHARS,
          exclude, LinguaLanguageIdentifier.DEFAULT_UND_SCORE, Map.of(), novelty);
      List<String> samples = samples(f, paragraphs, max, split);
      long und = samples.stream().filter(t -> id.identify(t).lang().equals("und")).count();
      out.put(lang, samples.isEmpty() ? Double.NaN : (double) und / samples.size());
    }
    return out;
  }

  static void printLeaveOneOut(String label, Map<String, Double> und) {
    List<Map.Entry<String, Double>> sorted = new ArrayList<>(und.entrySet());
    sorted.sort(Map.Entry.comparingByValue());
    double mean = und.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double[] v = und.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    long below = und.values().stream().filter(x -> x < 0.5).count();
    StringBuilder worst = new StringBuilder();
    for (int i = 0; i < Math.min(12, sorted.size()); i++) {
      worst.append(String.format(Locale.ROOT, " %s=%.2f", sorted.get(i).getKey(), sorted.get(i).getValue()));
    }
    System.out.printf(Locale.ROOT, "LANGID_LOO %s languages=%d mean_und=%.3f median_und=%.2f below_0.5=%d worst:%s%n",
        label, und.size(), mean, v.length == 0 ? Double.NaN : v[v.length / 2], below, worst);
    StringBuilder all = new StringBuilder();
    und.forEach((k, x) -> all.append(String.format(Locale.ROOT, " %s=%.2f", k, x)));
    System.out.println("LANGID_LOO_ALL " + label + all);
  }

  /** The part of a text the Lingua identifier classifies. */
  static String cut(String text) {
    return text.length() > LinguaLanguageIdentifier.DEFAULT_MAX_CHARS
        ? text.substring(0, LinguaLanguageIdentifier.DEFAULT_MAX_CHARS) : text;
  }

  /**
   * Writes {@link NgramNovelty}'s calibration: per language {@code id} covers, the {@code 1 - alpha} quantile
   * of the unseen-5-gram rate over the samples of that language {@code id} labels correctly (with at least
   * {@link NgramNovelty#MIN_NGRAMS} 5-grams).
   */
  public static void calibrateNovelty(LanguageIdentifier id, Path dir, Split split, int max, double alpha,
      Path out) throws IOException {
    List<String> rows = new ArrayList<>();
    rows.add("# unseen-5-gram rate above which a label is und: the " + (1 - alpha) + " quantile over correctly "
        + "labelled Leipzig sentences (" + split.name().toLowerCase(Locale.ROOT) + " lines, first " + max + ") of "
        + id.model()
        + "; written by kiln.filters.bench.LanguageAccuracy --calibrate-novelty");
    rows.add("# columns: language, quantile, sentences, mean rate (unseen / all 5-grams of those sentences), median "
        + "5-grams per sentence; NgramNovelty floors each quantile at the lower quartile of all quantiles and "
        + "narrows it towards the mean rate for texts with more 5-grams");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    for (Path f : files) {
      String lang = f.getFileName().toString().replace(".txt", "");
      if (!id.languages().contains(lang)) {
        continue;
      }
      List<Double> rates = new ArrayList<>();
      List<Integer> ngrams = new ArrayList<>();
      long total = 0;
      long unseen = 0;
      for (String text : samples(f, false, max, split)) {
        if (id.identify(text).lang().equals(lang)) {
          int[] c = NgramNovelty.counts(lang, cut(text));
          if (c != null && c[0] >= NgramNovelty.MIN_NGRAMS) {
            rates.add((double) c[1] / c[0]);
            ngrams.add(c[0]);
            total += c[0];
            unseen += c[1];
          }
        }
      }
      if (rates.size() >= 50) {
        rates.sort(null);
        ngrams.sort(null);
        double q = rates.get((int) Math.ceil((1 - alpha) * rates.size()) - 1);
        int m = ngrams.size();
        double median = m % 2 == 1 ? ngrams.get(m / 2) : (ngrams.get(m / 2 - 1) + ngrams.get(m / 2)) / 2.0;
        rows.add(String.format(Locale.ROOT, "%s\t%.4f\t%d\t%.4f\t%.1f", lang, q, rates.size(),
            (double) unseen / total, median));
      }
    }
    Files.write(out, rows, StandardCharsets.UTF_8);
  }

  static LanguageIdentifier model(String spec) {
    return switch (spec) {
      case "optimaize" -> new OptimaizeLanguageIdentifier(OptimaizeLanguageIdentifier.DEFAULT_MAX_CHARS);
      case "lingua-high" -> LinguaLanguageIdentifier.withDefaults(LinguaLanguageIdentifier.Accuracy.HIGH);
      case "lingua-low" -> LinguaLanguageIdentifier.withDefaults(LinguaLanguageIdentifier.Accuracy.LOW);
      case "lingua-high-no-novelty", "lingua-low-no-novelty" -> new LinguaLanguageIdentifier(
          spec.startsWith("lingua-high") ? LinguaLanguageIdentifier.Accuracy.HIGH : LinguaLanguageIdentifier.Accuracy.LOW,
          LinguaLanguageIdentifier.DEFAULT_MAX_CHARS, LinguaLanguageIdentifier.DEFAULT_EXCLUDE,
          LinguaLanguageIdentifier.DEFAULT_UND_SCORE, Map.of(), false);
      case "cascade", "cascade-no-novelty" -> {
        boolean nov = spec.equals("cascade");
        yield new CascadeLanguageIdentifier(new OptimaizeLanguageIdentifier(OptimaizeLanguageIdentifier.DEFAULT_MAX_CHARS),
            (LinguaLanguageIdentifier) model(nov ? "lingua-high" : "lingua-high-no-novelty"),
            CascadeLanguageIdentifier.DEFAULT_MIN_FAST_SCORE, CascadeLanguageIdentifier.DEFAULT_CONFUSABLE, nov);
      }
      default -> throw new IllegalArgumentException("unknown model " + spec
          + " (optimaize|lingua-high|lingua-low|lingua-high-no-novelty|lingua-low-no-novelty|cascade|cascade-no-novelty)");
    };
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  public static void main(String[] args) throws IOException {
    List<String> models = List.of("optimaize", "lingua-high", "lingua-low");
    List<String> sets = List.of("sentences", "word-pairs", "paragraphs");
    int max = Integer.MAX_VALUE;
    Path extra = null;
    Path dumpFile = null;
    Split split = Split.ALL;
    Path calibrate = null;
    double alpha = 0.01;
    boolean leaveOneOut = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--models" -> models = List.of(args[++i].split(","));
        case "--sets" -> sets = List.of(args[++i].split(","));
        case "--per-language" -> max = Integer.parseInt(args[++i]);
        case "--unsupported" -> extra = Path.of(args[++i]);
        case "--dump" -> dumpFile = Path.of(args[++i]);
        case "--split" -> split = Split.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--calibrate-novelty" -> calibrate = Path.of(args[++i]);
        case "--alpha" -> alpha = Double.parseDouble(args[++i]);
        case "--leave-one-out" -> leaveOneOut = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path base = SharedData.data("multilingual/lingua-leipzig-testdata").orElseThrow(
        () -> new IllegalStateException("missing shared data multilingual/lingua-leipzig-testdata (set KILN_SHARED)"));
    if (calibrate != null) {
      calibrateNovelty(model(models.get(0)), base.resolve("sentences"), split, max, alpha, calibrate);
      return;
    }
    if (leaveOneOut) {
      for (String spec : models) {
        if (!spec.startsWith("lingua-")) {
          throw new IllegalArgumentException("--leave-one-out: lingua models only, got " + spec);
        }
        LinguaLanguageIdentifier.Accuracy acc = spec.startsWith("lingua-high") ? LinguaLanguageIdentifier.Accuracy.HIGH
            : LinguaLanguageIdentifier.Accuracy.LOW;
        boolean novelty = !spec.endsWith("-no-novelty");
        for (String set : sets) {
          boolean para = set.equals("paragraphs");
          printLeaveOneOut(spec + "/" + set, leaveOneOut(acc, novelty, base.resolve(para ? "sentences" : set), para,
              para ? Math.min(max, 200) : max, split));
        }
      }
      return;
    }
    Map<String, Result> results = new LinkedHashMap<>();
    try (PrintWriter dump = dumpFile == null ? null
        : new PrintWriter(Files.newBufferedWriter(dumpFile, StandardCharsets.UTF_8))) {
      for (String spec : models) {
        long heap0 = usedHeap();
        long w0 = System.nanoTime();
        long c0 = cpuNanos();
        LanguageIdentifier id = model(spec);
        // the first call loads the models (all of them in Lingua's preloading, see LinguaLanguageIdentifier)
        id.identify("The first call loads the language models.");
        System.out.printf(Locale.ROOT, "LANGID_LOAD model=%s wall_s=%.1f cpu_s=%.1f heap_mb=%d%n", id.model(),
            (System.nanoTime() - w0) / 1e9, (cpuNanos() - c0) / 1e9, (usedHeap() - heap0) >> 20);
        for (String set : sets) {
          boolean para = set.equals("paragraphs");
          Path dir = base.resolve(para ? "sentences" : set);
          // warm-up: JIT, and models of short-text n-gram sizes loaded on first use
          measure(id, dir, para, 20, null, split);
          long cpu0 = cpuNanos();
          long t0 = System.nanoTime();
          if (dump != null) {
            dump.println("# " + spec + " " + set);
          }
          Result r = measure(id, dir, para, para ? Math.min(max, 200) : max, dump, split);
          double cpu = (cpuNanos() - cpu0) / 1e9;
          double wall = (System.nanoTime() - t0) / 1e9;
          if (extra != null) {
            Result u = measure(id, extra, para, para ? Math.min(max, 200) : max, dump, split);
            Map<String, Double> undRate = new TreeMap<>(r.undRate());
            u.undRate().forEach((k, v) -> undRate.put(k + "*", v));
            r = new Result(r.supported(), undRate, r.mean(), r.lines(), r.chars());
          }
          results.put(spec + "/" + set, r);
          System.out.printf(Locale.ROOT, "LANGID model=%s set=%s covered=%d lines=%d mean_accuracy=%.4f "
              + "uncovered=%d mean_und_rate=%.3f cpu_s=%.1f docs_per_cpu_s=%.0f mb_per_cpu_s=%.3f wall_s=%.1f%n",
              spec, set, r.supported().size(), r.lines(), r.mean(), r.undRate().size(), r.meanUndRate(), cpu,
              r.lines() / cpu, r.chars() / 1e6 / cpu, wall);
        }
      }
    }
    printTable(results);
  }

  static void printTable(Map<String, Result> results) {
    System.out.println("| lang | " + String.join(" | ", results.keySet()) + " |");
    System.out.println("|---|" + "---|".repeat(results.size()));
    Set<String> langs = new TreeSet<>();
    results.values().forEach(r -> {
      langs.addAll(r.supported().keySet());
      langs.addAll(r.undRate().keySet());
    });
    for (String l : langs) {
      List<String> cells = new ArrayList<>();
      for (Result r : results.values()) {
        Double a = r.supported().get(l);
        Double u = r.undRate().get(l);
        cells.add(a != null ? String.format(Locale.ROOT, "%.3f", a)
            : u != null ? String.format(Locale.ROOT, "und %.2f", u) : "-");
      }
      System.out.println("| " + l + " | " + String.join(" | ", cells) + " |");
    }
    List<String> means = new ArrayList<>();
    results.values().forEach(r -> means.add(String.format(Locale.ROOT, "**%.4f**", r.mean())));
    System.out.println("| mean (covered) | " + String.join(" | ", means) + " |");
  }
}

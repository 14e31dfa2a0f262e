package kiln.filters.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.filters.FilterChain;
import kiln.filters.spark.FilterStage;
import org.jsoup.Jsoup;

/**
 * Single-thread throughput of the FineWeb filter chain (language ID, Gopher repetition, Gopher quality, C4,
 * FineWeb) on real text: Gutenberg books, State of the Union addresses and extracted web pages (text of the
 * readability test pages' expected main content). Prints one {@code BENCH} line per compat mode.
 *
 * <p>Usage: {@code FilterChainBench [passes] [per-filter] [threads2] [compat=none|datatrove]
 * [model=optimaize|none]} (default 1 timed pass after one warm-up
 * pass; with {@code per-filter}, also each filter alone; with {@code threads2}, also each chain on two threads).
 * Each compat mode runs twice: with the language step pinned to {@code model: optimaize} ({@code model=optimaize};
 * the default, Lingua, is ~15x slower) and without it ({@code model=none}: the text filters alone). Reports wall time and the benchmark thread's CPU time: on a shared
 * machine the CPU-time rate is the per-core throughput, the wall rate is what this run happened to get.
 */
public final class FilterChainBench {

  /**
   * The language step is pinned to optimaize: the default model (Lingua) is ~15x slower and would hide the text
   * kernels this benchmark follows; {@link #TEXT_CHAIN} leaves it out altogether.
   */
  static final String LANGUAGE = "  - language: {languages: [en], min_score: 0.65, model: optimaize}\n";

  static final String TEXT_CHAIN = """
      filters:
        - gopher_repetition: {compat: %1$s}
        - gopher_quality: {compat: %1$s}
        - c4_quality: {compat: %1$s, terminal_punct: false}
        - fineweb_quality: {compat: %1$s}
      """;

  static final String CHAIN = TEXT_CHAIN.replace("filters:\n", "filters:\n" + LANGUAGE);

  public static List<Document> corpus() throws IOException {
    List<Document> docs = new ArrayList<>();
    Path books = SharedData.data("books").orElseThrow(() -> new IllegalStateException("missing shared data books"));
    for (String sub : List.of("gutenberg", "sotu")) {
      try (Stream<Path> s = Files.list(books.resolve(sub))) {
        for (Path p : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
          String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
          docs.add(new Document(p.getFileName().toString(), "books", Document.Kind.BOOK, null, text, null, null));
        }
      }
    }
    Path html = SharedData.data("web/html/mozilla-readability-testpages").orElse(null);
    if (html != null) {
      try (Stream<Path> s = Files.walk(html)) {
        for (Path p : s.filter(p -> p.getFileName().toString().equals("expected.html")).sorted().toList()) {
          String text = Jsoup.parse(Files.readString(p, StandardCharsets.UTF_8)).wholeText().strip();
          docs.add(new Document(p.getParent().getFileName().toString(), "web", Document.Kind.WEB, null, text,
              null, null));
        }
      }
    }
    return docs;
  }

  public static void main(String[] args) throws IOException {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    List<String> opts = List.of(args).subList(Math.min(1, args.length), args.length);
    boolean perFilter = opts.contains("per-filter");
    boolean threads2 = opts.contains("threads2");
    // compat=X / model=X run only that compat mode / language setting (to profile one chain)
    String onlyCompat = opts.stream().filter(o -> o.startsWith("compat=")).map(o -> o.substring(7)).findFirst()
        .orElse(null);
    String onlyModel = opts.stream().filter(o -> o.startsWith("model=")).map(o -> o.substring(6)).findFirst()
        .orElse(null);
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    List<Document> docs = corpus();
    long bytes = 0;
    for (Document d : docs) {
      bytes += d.textBytes();
    }
    double mb = bytes / 1e6;
    for (String compat : List.of("none", "datatrove")) {
      // lang=optimaize: the whole chain; lang=none: the text filters alone (what the text kernels cost)
      for (String lang : List.of("optimaize", "none")) {
        if ((onlyCompat != null && !onlyCompat.equals(compat)) || (onlyModel != null && !onlyModel.equals(lang))) {
          continue;
        }
        String yaml = String.format(lang.equals("none") ? TEXT_CHAIN : CHAIN, compat);
        FilterChain chain = FilterStage.buildChain(ConfigNode.parse(yaml, "bench"));
        Map<String, Integer> reasons = run(chain, docs);
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < passes; i++) {
          run(chain, docs);
        }
        double secs = (System.nanoTime() - t0) / 1e9 / passes;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / passes;
        System.out.printf(Locale.ROOT, "BENCH filters_fineweb_chain docs=%d mb=%.2f seconds=%.2f mb_per_s=%.2f "
            + "cpu_seconds=%.2f mb_per_cpu_s=%.2f threads=1 compat=%s model=%s reasons=%s%n", docs.size(), mb, secs,
            mb / secs, cpu, mb / cpu, compat, lang, reasons);
        System.out.flush();
        if (threads2) {
          twoThreads(chain, docs, mb, passes, secs, compat, lang, reasons);
        }
      }
    }
    if (!perFilter) {
      return;
    }
    // the same chain per filter, to see where the time goes
    for (String compat : List.of("none", "datatrove")) {
      for (String f : List.of("language: {model: optimaize}", "gopher_repetition: {compat: %s}", "gopher_quality: {compat: %s}",
          "c4_quality: {compat: %s}", "fineweb_quality: {compat: %s}")) {
        FilterChain one = FilterStage.buildChain(ConfigNode.parse("filters:\n  - " + String.format(f, compat),
            "bench"));
        run(one, docs);
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        run(one, docs);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "BENCH filters_%s docs=%d mb=%.2f seconds=%.2f mb_per_s=%.2f cpu_seconds=%.2f "
            + "mb_per_cpu_s=%.2f compat=%s%n", f.substring(0, f.indexOf(':')), docs.size(), mb, secs, mb / secs, cpu,
            mb / cpu, compat);
        System.out.flush();
      }
    }
  }

  /**
   * The same chain on two threads, each over half of the corpus (documents dealt out by size, so the halves hold
   * about the same bytes). Prints the total CPU-time rate (MB over the CPU seconds of both threads) and the wall
   * speed-up over {@code oneThreadSecs}; on a loaded machine the wall figure depends on what else runs.
   */
  static void twoThreads(FilterChain chain, List<Document> docs, double mb, int passes, double oneThreadSecs,
                         String compat, String lang, Map<String, Integer> oneThreadReasons) {
    List<List<Document>> halves = halves(docs);
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] cpu = new double[2];
    List<Map<String, Integer>> got = new ArrayList<>(List.of(Map.of(), Map.of()));
    Thread[] ts = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int k = t;
      ts[t] = new Thread(() -> {
        run(chain, halves.get(k)); // warm-up: the same work the timed passes do
        long c0 = mx.getCurrentThreadCpuTime();
        Map<String, Integer> r = null;
        for (int i = 0; i < passes; i++) {
          r = run(chain, halves.get(k));
        }
        cpu[k] = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / passes;
        got.set(k, r);
      }, "bench-" + t);
    }
    // warm-ups and timed passes overlap between threads, so time the threads' passes by their own CPU clocks and
    // the wall clock of the whole run minus one warm-up's share
    long t0 = System.nanoTime();
    for (Thread t : ts) {
      t.start();
    }
    for (Thread t : ts) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9 / (passes + 1);
    Map<String, Integer> reasons = new TreeMap<>(got.get(0));
    got.get(1).forEach((k, v) -> reasons.merge(k, v, Integer::sum));
    if (!reasons.equals(oneThreadReasons)) {
      throw new IllegalStateException("two threads decided differently: " + reasons + " vs " + oneThreadReasons);
    }
    double cpuTotal = cpu[0] + cpu[1];
    System.out.printf(Locale.ROOT, "BENCH filters_fineweb_chain docs=%d mb=%.2f seconds=%.2f mb_per_s=%.2f "
        + "cpu_seconds=%.2f mb_per_cpu_s=%.2f threads=2 wall_speedup=%.2f compat=%s model=%s%n", docs.size(), mb,
        secs, mb / secs, cpuTotal, mb / cpuTotal, oneThreadSecs / secs, compat, lang);
    System.out.flush();
  }

  /** Two lists of about equal bytes: largest documents first, each to the lighter half. */
  static List<List<Document>> halves(List<Document> docs) {
    List<Document> bySize = new ArrayList<>(docs);
    bySize.sort(java.util.Comparator.comparingLong(Document::textBytes).reversed());
    List<List<Document>> out = List.of(new ArrayList<>(), new ArrayList<>());
    long[] bytes = new long[2];
    for (Document d : bySize) {
      int k = bytes[0] <= bytes[1] ? 0 : 1;
      out.get(k).add(d);
      bytes[k] += d.textBytes();
    }
    return out;
  }

  static Map<String, Integer> run(FilterChain chain, List<Document> docs) {
    Map<String, Integer> reasons = new TreeMap<>();
    for (Document d : docs) {
      String r = chain.apply(d).reason();
      reasons.merge(r == null ? "kept" : r, 1, Integer::sum);
    }
    return reasons;
  }
}

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
 * <p>Usage: {@code FilterChainBench [passes] [per-filter]} (default 1 timed pass after one warm-up pass; with
 * {@code per-filter}, also each filter alone). Reports wall time and the benchmark thread's CPU time: on a shared
 * machine the CPU-time rate is the per-core throughput, the wall rate is what this run happened to get.
 */
public final class FilterChainBench {

  static final String CHAIN = """
      filters:
        - language: {languages: [en], min_score: 0.65}
        - gopher_repetition: {compat: %1$s}
        - gopher_quality: {compat: %1$s}
        - c4_quality: {compat: %1$s, terminal_punct: false}
        - fineweb_quality: {compat: %1$s}
      """;

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
    boolean perFilter = args.length > 1 && args[1].equals("per-filter");
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    List<Document> docs = corpus();
    long bytes = 0;
    for (Document d : docs) {
      bytes += d.textBytes();
    }
    double mb = bytes / 1e6;
    for (String compat : List.of("none", "datatrove")) {
      FilterChain chain = FilterStage.buildChain(ConfigNode.parse(String.format(CHAIN, compat), "bench"));
      Map<String, Integer> reasons = run(chain, docs);
      long t0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < passes; i++) {
        run(chain, docs);
      }
      double secs = (System.nanoTime() - t0) / 1e9 / passes;
      double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / passes;
      System.out.printf(Locale.ROOT, "BENCH filters_fineweb_chain docs=%d mb=%.2f seconds=%.2f mb_per_s=%.2f "
          + "cpu_seconds=%.2f mb_per_cpu_s=%.2f threads=1 compat=%s reasons=%s%n", docs.size(), mb, secs, mb / secs,
          cpu, mb / cpu, compat, reasons);
      System.out.flush();
    }
    if (!perFilter) {
      return;
    }
    // the same chain per filter, to see where the time goes
    for (String compat : List.of("none", "datatrove")) {
      for (String f : List.of("language: {}", "gopher_repetition: {compat: %s}", "gopher_quality: {compat: %s}",
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

  static Map<String, Integer> run(FilterChain chain, List<Document> docs) {
    Map<String, Integer> reasons = new TreeMap<>();
    for (Document d : docs) {
      String r = chain.apply(d).reason();
      reasons.merge(r == null ? "kept" : r, 1, Integer::sum);
    }
    return reasons;
  }
}

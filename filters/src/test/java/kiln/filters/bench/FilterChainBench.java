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
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.SharedData;
import kiln.core.bench.KernelTimer;
import kiln.core.config.ConfigNode;
import kiln.filters.FilterChain;
import kiln.filters.spark.FilterStage;
import org.jsoup.Jsoup;

/**
 * Throughput of the FineWeb filter chain (language ID, Gopher repetition, Gopher quality, C4, FineWeb) on real
 * text: Gutenberg books, State of the Union addresses and extracted web pages (text of the readability test pages'
 * expected main content). Prints one {@code BENCH} line per compat mode and language setting.
 *
 * <p>Usage: {@code FilterChainBench [passes] [per-filter] [threads2] [warmups=N] [compat=none|datatrove]
 * [model=optimaize|none|lingua]}: {@code warmups} untimed passes (default 3; the JIT compiles the chain in them),
 * then {@code passes} timed passes (default 5), reported as the median pass ({@link KernelTimer}); with
 * {@code per-filter}, also each filter alone; with {@code threads2}, also each chain on two threads taking
 * documents from one queue, with the wall speed-up over one thread. Each compat mode runs with the language step
 * pinned to {@code model: optimaize} and without it ({@code model=none}: the text filters alone);
 * {@code model=lingua} runs the chain with the default model instead. The CPU-time rate (worker threads' CPU
 * time) is the per-core throughput; the wall rate is what this run happened to get.
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
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<String> opts = List.of(args).subList(Math.min(1, args.length), args.length);
    boolean perFilter = opts.contains("per-filter");
    boolean threads2 = opts.contains("threads2");
    // compat=X / model=X run only that compat mode / language setting (to profile one chain)
    String onlyCompat = option(opts, "compat", null);
    String onlyModel = option(opts, "model", null);
    int warmups = Integer.parseInt(option(opts, "warmups", "3"));
    List<Document> docs = KernelTimer.largestFirst(corpus(), Document::textBytes);
    long bytes = 0;
    for (Document d : docs) {
      bytes += d.textBytes();
    }
    double mb = bytes / 1e6;
    // optimaize: the whole chain as benchmarked; none: the text filters alone (what the text kernels cost);
    // lingua: the chain with the default language model (only on request: model=lingua)
    List<String> models = onlyModel != null ? List.of(onlyModel) : List.of("optimaize", "none");
    for (String compat : List.of("none", "datatrove")) {
      for (String lang : models) {
        if (onlyCompat != null && !onlyCompat.equals(compat)) {
          continue;
        }
        String yaml = String.format(lang.equals("none") ? TEXT_CHAIN
            : TEXT_CHAIN.replace("filters:\n", "filters:\n" + LANGUAGE.replace("optimaize", lang)), compat);
        FilterChain chain = FilterStage.buildChain(ConfigNode.parse(yaml, "bench"));
        Map<String, Integer> reasons = run(chain, docs);
        ToLongFunction<Document> kernel = d -> {
          String r = chain.apply(d).reason();
          return r == null ? 1 : r.hashCode();
        };
        // one and two threads interleaved pass by pass (KernelTimer.compare), so both see the same JIT state
        List<KernelTimer.Timing> runs = KernelTimer.compare(docs, kernel, threads2 ? new int[] {1, 2} : new int[] {1},
            warmups, passes);
        KernelTimer.Timing one = runs.get(0);
        System.out.printf(Locale.ROOT, "BENCH filters_fineweb_chain docs=%d %s compat=%s model=%s warmups=%d "
            + "reasons=%s%n", docs.size(), one.benchFields(mb), compat, lang, warmups, reasons);
        System.out.flush();
        if (threads2) {
          KernelTimer.Timing two = runs.get(1);
          System.out.printf(Locale.ROOT, "BENCH filters_fineweb_chain docs=%d %s wall_speedup=%.2f compat=%s "
              + "model=%s%n", docs.size(), two.benchFields(mb), one.wallSeconds() / two.wallSeconds(), compat, lang);
          System.out.flush();
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
        KernelTimer.Timing t = KernelTimer.time(docs, d -> one.apply(d).reason() == null ? 1 : 0, 1, warmups,
            passes);
        System.out.printf(Locale.ROOT, "BENCH filters_%s docs=%d %s compat=%s%n", f.substring(0, f.indexOf(':')),
            docs.size(), t.benchFields(mb), compat);
        System.out.flush();
      }
    }
  }

  private static String option(List<String> opts, String key, String fallback) {
    return opts.stream().filter(o -> o.startsWith(key + "=")).map(o -> o.substring(key.length() + 1)).findFirst()
        .orElse(fallback);
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

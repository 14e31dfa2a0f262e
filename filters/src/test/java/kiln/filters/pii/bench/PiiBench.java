package kiln.filters.pii.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.Utf8;
import kiln.core.bench.KernelTimer;
import kiln.filters.pii.PiiFilter;
import kiln.filters.pii.PiiSettings;

/**
 * Single-thread throughput of the PII kernel ({@link PiiFilter#apply}, default settings) on real text:
 * books (Project Gutenberg + State of the Union addresses) and web pages (the Mozilla readability test
 * pages' {@code source.html} with scripts, styles and tags removed). Each corpus is processed once to warm
 * up, then repeatedly for at least {@code seconds} seconds of wall time; MB are UTF-8 megabytes (10^6 bytes) of
 * input text. {@code seconds} and {@code mb_per_s} are the benchmark thread's CPU time (the machine is shared, so
 * wall time also counts other processes); wall-clock figures are printed next to them.
 * Prints {@code BENCH pii-<corpus> docs=.. mb=.. seconds=.. mb_per_s=.. wall_seconds=.. spans=..}.
 * With a third argument {@code --by-detector} it prints the CPU seconds of each detector alone instead; with
 * {@code threads2} among the arguments it also times the kernel on one and two threads ({@link KernelTimer}).
 */
public final class PiiBench {
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style|noscript)\\b.*?</\\1\\s*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern SPACE = Pattern.compile("[ \\t]+");

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
    double minSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    List<Document> books = new ArrayList<>();
    for (String dir : new String[] {"books/gutenberg", "books/sotu"}) {
      for (Path p : files(data.resolve(dir), ".txt")) {
        books.add(doc("book", Document.Kind.BOOK, p, new String(Files.readAllBytes(p), StandardCharsets.UTF_8)));
      }
    }
    List<Document> web = new ArrayList<>();
    for (Path p : files(data.resolve("web/html/mozilla-readability-testpages"), "source.html")) {
      String html = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
      String text = SPACE.matcher(TAG.matcher(SCRIPT.matcher(html).replaceAll(" ")).replaceAll(" ")).replaceAll(" ")
          .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
      web.add(doc("web", Document.Kind.WEB, p, text));
    }
    PiiFilter filter = new PiiFilter(PiiSettings.defaults());
    if (args.length > 2 && args[2].equals("--by-detector")) {
      byDetector("books", books);
      byDetector("web", web);
      return;
    }
    run("books", books, filter, minSeconds);
    run("web", web, filter, minSeconds);
    if (List.of(args).contains("threads2")) {
      threads("books", books);
      threads("web", web);
    }
  }

  /**
   * The kernel on one thread and on two ({@link KernelTimer}: documents from one queue, 3 warm-up passes, median of
   * 5), one filter per thread as Spark gives each task its own copy.
   */
  private static void threads(String name, List<Document> docs) {
    double mb = 0;
    for (Document d : docs) {
      mb += Utf8.length(d.text()) / 1e6;
    }
    ThreadLocal<PiiFilter> filters = ThreadLocal.withInitial(() -> new PiiFilter(PiiSettings.defaults()));
    java.util.function.ToLongFunction<Document> kernel = d -> filters.get().apply(d).doc().text().hashCode();
    List<Document> ordered = KernelTimer.largestFirst(docs, d -> d.text().length());
    // one and two threads interleaved pass by pass; compare() checks both give the same checksum
    List<KernelTimer.Timing> runs = KernelTimer.compare(ordered, kernel, new int[] {1, 2}, 3, 5);
    KernelTimer.Timing one = runs.get(0);
    KernelTimer.Timing two = runs.get(1);
    for (KernelTimer.Timing t : List.of(one, two)) {
      System.out.printf(Locale.ROOT, "BENCH pii-%s docs=%d %s%s%n", name, docs.size(), t.benchFields(mb),
          t == two ? String.format(Locale.ROOT, " wall_speedup=%.2f", one.wallSeconds() / two.wallSeconds()) : "");
    }
  }

  /** Seconds per detector for one pass (after one warm-up pass), to see where time goes. */
  private static void byDetector(String name, List<Document> docs) {
    PiiSettings defaults = PiiSettings.defaults();
    for (kiln.filters.pii.PiiType t : kiln.filters.pii.PiiType.values()) {
      java.util.Map<kiln.filters.pii.PiiType, PiiSettings.Rule> rules = new java.util.EnumMap<>(defaults.rules());
      for (kiln.filters.pii.PiiType o : kiln.filters.pii.PiiType.values()) {
        PiiSettings.Rule r = rules.get(o);
        rules.put(o, new PiiSettings.Rule(o == t, r.action(), r.tag(), r.maxSpans()));
      }
      PiiSettings only = new PiiSettings(rules, defaults.maxSpans(), defaults.hashSalt(), defaults.maskChar(),
          defaults.allowValues(), defaults.allowEmailDomains(), defaults.allowIpRanges(), defaults.ipPublicOnly(),
          defaults.phoneRegions(), defaults.phoneTypes(), defaults.phoneValidation(), defaults.nationalIdSchemes(),
          defaults.secretMinEntropy());
      PiiFilter f = new PiiFilter(only);
      long spans = pass(docs, f);
      double best = Double.MAX_VALUE;
      for (int k = 0; k < 3; k++) {
        long t0 = CPU.getCurrentThreadCpuTime();
        pass(docs, f);
        best = Math.min(best, (CPU.getCurrentThreadCpuTime() - t0) / 1e9);
      }
      System.out.printf(Locale.ROOT, "DETAIL %s %s cpu_seconds=%.3f spans=%d%n", name, t.key(), best, spans);
    }
  }

  private static Document doc(String source, Document.Kind kind, Path p, String text) {
    return new Document(Document.idFor(source, p.toString()), source, kind, null, text, "en", null);
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("missing " + dir + " (set KILN_SHARED)");
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static void run(String name, List<Document> docs, PiiFilter filter, double minSeconds) {
    long bytes = 0;
    for (Document d : docs) {
      bytes += Utf8.length(d.text());
    }
    long spans = pass(docs, filter); // warm-up
    int passes = 0;
    long t0 = System.nanoTime();
    long c0 = CPU.getCurrentThreadCpuTime();
    double seconds;
    do {
      pass(docs, filter);
      passes++;
      seconds = (System.nanoTime() - t0) / 1e9;
    } while (seconds < minSeconds);
    double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
    double mb = bytes * (double) passes / 1e6;
    // mb_per_s uses the thread's CPU time: on a shared machine wall time also counts time the core ran others.
    System.out.printf(Locale.ROOT, "BENCH pii-%s docs=%d mb=%.2f seconds=%.2f mb_per_s=%.1f wall_seconds=%.2f "
        + "mb_per_s_wall=%.1f spans=%d passes=%d%n", name, docs.size() * passes, mb, cpu, mb / cpu, seconds,
        mb / seconds, spans, passes);
  }

  private static long pass(List<Document> docs, PiiFilter filter) {
    long spans = 0;
    for (Document d : docs) {
      for (int c : filter.apply(d).counts().values()) {
        spans += c;
      }
    }
    return spans;
  }
}

package kiln.jobs.ingest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.core.bench.KernelTimer;
import kiln.jobs.ingest.web.BlockText;
import kiln.jobs.ingest.web.MainTextExtractor;
import org.jsoup.Jsoup;

/**
 * Main-text extraction quality on Mozilla Readability's test pages: mean token-level F1 ({@link TokenF1}) of
 * {@link MainTextExtractor} on each {@code source.html} against the text of its {@code expected.html}.
 * Prints one {@code BENCH ingest_extract ...} line; {@code -v} also prints each page's F1; {@code threads2} also
 * times the extraction kernel on one and two threads ({@code BENCH ingest_extract_kernel}).
 */
public final class ExtractionF1Bench {
  private ExtractionF1Bench() {}

  public static void main(String[] args) throws IOException {
    boolean verbose = List.of(args).contains("-v");
    Path dir = SharedData.data("web/html/mozilla-readability-testpages/test/test-pages").orElseThrow(
        () -> new IllegalStateException("needs $KILN_SHARED/data/web/html/mozilla-readability-testpages"));
    List<Path> pages;
    try (Stream<Path> s = Files.list(dir)) {
      pages = s.filter(p -> Files.exists(p.resolve("source.html"))).sorted().toList();
    }
    MainTextExtractor extractor = new MainTextExtractor(60_000);
    double sum = 0;
    long chars = 0;
    long t0 = System.nanoTime();
    for (Path p : pages) {
      String src = Files.readString(p.resolve("source.html"), StandardCharsets.UTF_8);
      String exp = Files.readString(p.resolve("expected.html"), StandardCharsets.UTF_8);
      String got = extractor.extract(src, "http://fakehost/test/page.html").text();
      org.jsoup.nodes.Document e = Jsoup.parse(exp);
      String want = BlockText.of(e.body());
      double f = TokenF1.f1(got, want);
      sum += f;
      chars += src.length();
      if (verbose) {
        System.out.printf(Locale.ROOT, "%.3f %s%n", f, p.getFileName());
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "BENCH ingest_extract pages=%d mean_f1=%.4f mb=%.2f seconds=%.2f mb_per_s=%.2f%n",
        pages.size(), sum / pages.size(), chars / 1e6, seconds, chars / 1e6 / seconds);
    if (List.of(args).contains("threads2")) {
      threads(pages, extractor);
    }
  }

  /**
   * The extraction kernel alone (parse + main-text extraction of each {@code source.html}, read beforehand, 8
   * copies per pass) on one thread and on two ({@link KernelTimer}: 3 warm-up passes, median of 5), in UTF-8 MB of HTML per CPU-second.
   */
  static void threads(List<Path> pages, MainTextExtractor extractor) throws IOException {
    List<String> sources = new java.util.ArrayList<>();
    long bytes = 0;
    for (Path p : pages) {
      String src = Files.readString(p.resolve("source.html"), StandardCharsets.UTF_8);
      sources.add(src);
      bytes += src.getBytes(StandardCharsets.UTF_8).length;
    }
    // the pages 8 times over per pass (~2 s on one core), so that each pass holds several collections of the
    // young generation rather than none or one (a pass of one copy gave speed-ups from 1.1 to 2.5 by GC timing)
    List<String> copies = new java.util.ArrayList<>();
    for (int k = 0; k < 8; k++) {
      copies.addAll(sources);
    }
    double mb = 8 * bytes / 1e6;
    List<String> docs = KernelTimer.largestFirst(copies, String::length);
    java.util.function.ToLongFunction<String> kernel =
        src -> extractor.extract(src, "http://fakehost/test/page.html").text().hashCode();
    // one and two threads interleaved pass by pass; compare() checks both give the same checksum
    List<KernelTimer.Timing> runs = KernelTimer.compare(docs, kernel, new int[] {1, 2}, 3, 5);
    KernelTimer.Timing one = runs.get(0);
    KernelTimer.Timing two = runs.get(1);
    for (KernelTimer.Timing t : List.of(one, two)) {
      System.out.printf(Locale.ROOT, "BENCH ingest_extract_kernel pages=%d %s%s%n", docs.size(), t.benchFields(mb),
          t == two ? String.format(Locale.ROOT, " wall_speedup=%.2f", one.wallSeconds() / two.wallSeconds()) : "");
    }
  }
}

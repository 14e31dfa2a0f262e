package kiln.jobs.ingest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.jobs.ingest.web.BlockText;
import kiln.jobs.ingest.web.MainTextExtractor;
import org.jsoup.Jsoup;

/**
 * Main-text extraction quality on Mozilla Readability's test pages: mean token-level F1 ({@link TokenF1}) of
 * {@link MainTextExtractor} on each {@code source.html} against the text of its {@code expected.html}.
 * Prints one {@code BENCH ingest_extract ...} line; {@code -v} also prints each page's F1.
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
  }
}

package kiln.dedup.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.core.bench.KernelTimer;
import kiln.dedup.minhash.LshBands;
import kiln.dedup.minhash.MinHashConfig;
import kiln.dedup.minhash.MinHashSignatures;
import kiln.dedup.text.Shingles;
import kiln.dedup.text.TextNormalizer;

/**
 * Throughput of MinHash signature computation, the per-document kernel of near-duplicate detection: normalise
 * ({@link TextNormalizer}), word 5-gram shingle hashes ({@link Shingles}), 112 permutation minima
 * ({@link MinHashSignatures}) and the 14 band keys ({@link LshBands}), with the stage defaults
 * ({@link MinHashConfig#DEFAULTS}). Corpus: every Gutenberg book and State of the Union address of the shared data.
 * MB = UTF-8 bytes of the original text.
 *
 * <p>Prints {@code BENCH dedup_minhash_signature} for one thread and for two threads (taking documents from one
 * queue, {@link KernelTimer}), with the rate per CPU-second (worker CPU time) and, for two threads, the wall
 * speed-up over one thread; then one line per step alone ({@code step=normalize|shingles|signature}) on one
 * thread. Usage: {@code MinHashBench [passes] [warmups]} (default: the median of 5 timed passes after 3 warm-up
 * passes).
 */
public final class MinHashBench {
  private MinHashBench() {}

  static List<String> corpus() throws IOException {
    Path books = SharedData.data("books").orElseThrow(() -> new IllegalStateException("missing shared data books"));
    List<String> docs = new ArrayList<>();
    for (String sub : List.of("gutenberg", "sotu")) {
      try (Stream<Path> s = Files.list(books.resolve(sub))) {
        for (Path p : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
          docs.add(RealText.read(p));
        }
      }
    }
    return docs;
  }

  public static void main(String[] args) throws Exception {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    MinHashConfig c = MinHashConfig.DEFAULTS;
    MinHashSignatures sig = new MinHashSignatures(c.numHashes(), c.seed());
    List<String> docs = corpus();
    long bytes = 0;
    for (String d : docs) {
      bytes += d.getBytes(StandardCharsets.UTF_8).length;
    }
    double mb = bytes / 1e6;

    List<String> ordered = KernelTimer.largestFirst(docs, String::length);
    java.util.function.ToLongFunction<String> kernel = d -> {
      long[] keys = LshBands.keys(sig.signature(Shingles.hashes(TextNormalizer.normalize(d), c.ngrams(),
          c.charShingles())), c.bands(), c.rows());
      long acc = 0;
      for (long k : keys) {
        acc = acc * 31 + k;
      }
      return acc;
    };
    // one and two threads interleaved pass by pass; compare() checks both give the same checksum
    List<KernelTimer.Timing> runs = KernelTimer.compare(ordered, kernel, new int[] {1, 2}, warmups, passes);
    KernelTimer.Timing one = runs.get(0);
    KernelTimer.Timing two = runs.get(1);
    System.out.printf(Locale.ROOT, "BENCH dedup_minhash_signature docs=%d %s hashes=%d ngrams=%d check=%016x%n",
        docs.size(), one.benchFields(mb), c.numHashes(), c.ngrams(), one.check());
    System.out.printf(Locale.ROOT, "BENCH dedup_minhash_signature docs=%d %s wall_speedup=%.2f hashes=%d ngrams=%d%n",
        docs.size(), two.benchFields(mb), one.wallSeconds() / two.wallSeconds(), c.numHashes(), c.ngrams());
    System.out.flush();

    // each step alone, one thread
    List<String> norm = new ArrayList<>();
    List<long[]> shingles = new ArrayList<>();
    for (String d : docs) {
      String n = TextNormalizer.normalize(d);
      norm.add(n);
      shingles.add(Shingles.hashes(n, c.ngrams(), c.charShingles()));
    }
    for (String step : List.of("normalize", "shingles", "signature")) {
      long s0 = mx.getCurrentThreadCpuTime();
      long acc = 0;
      for (int i = 0; i < passes; i++) {
        for (int k = 0; k < docs.size(); k++) {
          switch (step) {
            case "normalize" -> acc += TextNormalizer.normalize(docs.get(k)).length();
            case "shingles" -> acc += Shingles.hashes(norm.get(k), c.ngrams(), c.charShingles()).length;
            default -> acc += sig.signature(shingles.get(k))[0];
          }
        }
      }
      double cs = (mx.getCurrentThreadCpuTime() - s0) / 1e9 / passes;
      System.out.printf(Locale.ROOT, "BENCH dedup_minhash_step docs=%d mb=%.2f cpu_seconds=%.2f mb_per_cpu_s=%.2f "
          + "threads=1 step=%s (acc %d)%n", docs.size(), mb, cs, mb / cs, step, acc);
      System.out.flush();
    }
  }
}

package kiln.dedup.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.core.SharedData;
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
 * <p>Prints {@code BENCH dedup_minhash_signature} for one thread and for two threads (each over half of the
 * documents, dealt out by size), with the rate per CPU-second (thread CPU time) and, for two threads, the wall
 * speed-up over one thread; then one line per step alone ({@code step=normalize|shingles|signature}) on one
 * thread. Usage: {@code MinHashBench [passes]} (default 2 timed passes after one warm-up pass).
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

  /** Band keys of every document folded into one value (so the work cannot be skipped, and runs can be compared). */
  static long signAll(List<String> docs, MinHashConfig c, MinHashSignatures sig) {
    long acc = 0;
    for (String d : docs) {
      long[] sh = Shingles.hashes(TextNormalizer.normalize(d), c.ngrams(), c.charShingles());
      long[] keys = LshBands.keys(sig.signature(sh), c.bands(), c.rows());
      for (long k : keys) {
        acc = acc * 31 + k;
      }
    }
    return acc;
  }

  public static void main(String[] args) throws Exception {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    MinHashConfig c = MinHashConfig.DEFAULTS;
    MinHashSignatures sig = new MinHashSignatures(c.numHashes(), c.seed());
    List<String> docs = corpus();
    long bytes = 0;
    for (String d : docs) {
      bytes += d.getBytes(StandardCharsets.UTF_8).length;
    }
    double mb = bytes / 1e6;

    long check = signAll(docs, c, sig);
    long t0 = System.nanoTime();
    long c0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < passes; i++) {
      if (signAll(docs, c, sig) != check) {
        throw new IllegalStateException("signatures differ between passes");
      }
    }
    double secs1 = (System.nanoTime() - t0) / 1e9 / passes;
    double cpu1 = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / passes;
    System.out.printf(Locale.ROOT, "BENCH dedup_minhash_signature docs=%d mb=%.2f seconds=%.2f mb_per_s=%.2f "
        + "cpu_seconds=%.2f mb_per_cpu_s=%.2f threads=1 hashes=%d ngrams=%d check=%016x%n", docs.size(), mb, secs1,
        mb / secs1, cpu1, mb / cpu1, c.numHashes(), c.ngrams(), check);
    System.out.flush();

    List<List<String>> halves = halves(docs);
    double[] cpu = new double[2];
    long[] got = new long[2];
    Thread[] ts = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int k = t;
      ts[t] = new Thread(() -> {
        long x = signAll(halves.get(k), c, sig);
        long s0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < passes; i++) {
          if (signAll(halves.get(k), c, sig) != x) {
            throw new IllegalStateException("signatures differ between passes");
          }
        }
        cpu[k] = (mx.getCurrentThreadCpuTime() - s0) / 1e9 / passes;
        got[k] = x;
      }, "minhash-" + t);
    }
    long w0 = System.nanoTime();
    for (Thread t : ts) {
      t.start();
    }
    for (Thread t : ts) {
      t.join();
    }
    // the warm-up pass runs on the threads too: the wall time covers passes + 1 passes
    double secs2 = (System.nanoTime() - w0) / 1e9 / (passes + 1);
    double cpu2 = cpu[0] + cpu[1];
    System.out.printf(Locale.ROOT, "BENCH dedup_minhash_signature docs=%d mb=%.2f seconds=%.2f mb_per_s=%.2f "
        + "cpu_seconds=%.2f mb_per_cpu_s=%.2f threads=2 wall_speedup=%.2f hashes=%d ngrams=%d%n", docs.size(), mb,
        secs2, mb / secs2, cpu2, mb / cpu2, secs1 / secs2, c.numHashes(), c.ngrams());
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

  /** Two lists of about equal bytes: largest documents first, each to the lighter half. */
  static List<List<String>> halves(List<String> docs) {
    List<String> bySize = new ArrayList<>(docs);
    bySize.sort(Comparator.comparingInt(String::length).reversed());
    List<List<String>> out = List.of(new ArrayList<>(), new ArrayList<>());
    long[] size = new long[2];
    for (String d : bySize) {
      int k = size[0] <= size[1] ? 0 : 1;
      out.get(k).add(d);
      size[k] += d.length();
    }
    return out;
  }
}

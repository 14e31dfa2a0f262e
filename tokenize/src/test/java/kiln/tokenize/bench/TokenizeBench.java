package kiln.tokenize.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kiln.tokenize.Tokenizer;
import kiln.tokenize.Tokenizers;

/**
 * SentencePiece encoding throughput: {@code TokenizeBench MODEL CORPUS SPM_ENCODE_SECONDS [ROUNDS [SPM_IDS]]}.
 * The corpus is split into documents at blank lines (about 4 KB each, like web pages); each thread has its own
 * tokenizer and encodes every n-th document. One warm-up round, then the best of ROUNDS rounds per thread count.
 * Prints {@code BENCH} lines with the ratio to {@code spm_encode}'s time on the same file, measured by the script.
 * With SPM_IDS ({@code spm_encode --output_format=id} of the corpus) it first checks, untimed, that the
 * concatenated ids of all documents equal spm_encode's, so the speed is that of identical output.
 */
public final class TokenizeBench {
  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    byte[] bytes = Files.readAllBytes(Path.of(args[1]));
    double spmSeconds = Double.parseDouble(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> docs = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String para : text.split("\n\n")) {
      cur.append(para).append("\n\n");
      if (cur.length() >= 4096) {
        docs.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      docs.add(cur.toString());
    }
    double mb = bytes.length / 1e6;
    String spec = "spm:" + model;
    if (args.length > 4) {
      System.out.println("BENCH tokenize model=" + model.getFileName() + " ids_identical_to_spm_encode="
          + sameIds(spec, docs, Path.of(args[4])));
    }
    for (int threads : new int[] {1, 2}) {
      run(spec, docs, threads); // warm-up
      double best = Double.MAX_VALUE;
      long tokens = 0;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        tokens = run(spec, docs, threads);
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      }
      System.out.printf(Locale.ROOT, "BENCH tokenize docs=%d mb=%.1f seconds=%.3f mb_per_s=%.2f threads=%d "
              + "tokens=%d spm_encode_mb_per_s=%.2f ratio_vs_spm_encode=%.2f model=%s%n", docs.size(), mb, best,
          mb / best, threads, tokens, mb / spmSeconds, spmSeconds / best, model.getFileName());
    }
  }

  static boolean sameIds(String spec, List<String> docs, Path spmIds) throws Exception {
    java.util.Iterator<String> expected = java.util.Arrays.stream(Files.readString(spmIds).split("\\s+"))
        .filter(t -> !t.isEmpty()).iterator();
    long n = 0;
    try (Tokenizer tok = Tokenizers.open(spec)) {
      for (String doc : docs) {
        for (int id : tok.encode(doc)) {
          if (!expected.hasNext() || Integer.parseInt(expected.next()) != id) {
            System.out.println("BENCH tokenize first difference after " + n + " tokens");
            return false;
          }
          n++;
        }
      }
    }
    return !expected.hasNext();
  }

  static long run(String spec, List<String> docs, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        parts.add(pool.submit(() -> {
          long n = 0;
          try (Tokenizer tok = Tokenizers.open(spec)) {
            for (int i = first; i < docs.size(); i += threads) {
              n += tok.encode(docs.get(i)).length;
            }
          }
          return n;
        }));
      }
      long n = 0;
      for (Future<Long> f : parts) {
        n += f.get();
      }
      return n;
    } finally {
      pool.shutdown();
    }
  }
}

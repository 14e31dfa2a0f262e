package kiln.filters.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kiln.filters.model.FastTextModel;
import kiln.filters.model.FastTextPrediction;

/**
 * Single-thread fastText inference speed of {@link FastTextModel} on a text file, one prediction (k = 1) per
 * line, as {@code fasttext predict MODEL FILE}. Checks first that every line's label equals the binary's
 * ({@code EXPECTED}: its output), then times {@code ROUNDS} passes and prints wall and thread-CPU rates next to
 * the native rates measured by the script (wall and user+sys CPU seconds, model loading excluded). On a shared
 * machine compare the CPU rates: they are the per-core figures.
 *
 * <p>Usage: {@code FastTextBench NAME MODEL FILE EXPECTED NATIVE_SECONDS NATIVE_CPU_SECONDS ROUNDS}
 */
public final class FastTextBench {
  public static void main(String[] args) throws IOException {
    String name = args[0];
    FastTextModel model = FastTextModel.load(Path.of(args[1]));
    byte[] bytes = Files.readAllBytes(Path.of(args[2]));
    List<String> lines = splitLines(new String(bytes, StandardCharsets.UTF_8));
    List<String> expected = splitLines(Files.readString(Path.of(args[3]), StandardCharsets.UTF_8));
    double nativeSeconds = Double.parseDouble(args[4]);
    double nativeCpu = Double.parseDouble(args[5]);
    int rounds = Integer.parseInt(args[6]);
    if (expected.size() != lines.size()) {
      throw new IllegalStateException("native output has " + expected.size() + " lines for " + lines.size());
    }
    int same = 0;
    for (int i = 0; i < lines.size(); i++) {
      List<FastTextPrediction> p = model.predict(lines.get(i), 1, 0f);
      String label = p.isEmpty() ? "" : p.get(0).label();
      if (!label.equals(expected.get(i))) {
        throw new IllegalStateException("line " + i + ": kiln " + label + ", fasttext " + expected.get(i));
      }
      same++;
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      for (String line : lines) {
        sink += model.predict(line, 1, 0f).size();
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
    }
    double mb = bytes.length / 1e6;
    System.out.printf(Locale.ROOT, "BENCH fasttext_%s docs=%d mb=%.2f seconds=%.3f mb_per_s=%.2f cpu_seconds=%.3f "
        + "mb_per_cpu_s=%.2f native_seconds=%.3f native_mb_per_s=%.2f native_cpu_seconds=%.3f "
        + "native_mb_per_cpu_s=%.2f kiln_over_native_cpu=%.2f labels_equal=%d threads=1 model=%s%n", name,
        lines.size(), mb, best, mb / best, bestCpu, mb / bestCpu, nativeSeconds, mb / nativeSeconds, nativeCpu,
        mb / nativeCpu, nativeCpu / bestCpu, same, model);
    if (sink < 0) {
      System.out.println(sink);
    }
  }

  /** Lines as fastText reads them: split on {@code \n} only, no empty line after the final newline. */
  static List<String> splitLines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    if (start < s.length()) {
      out.add(s.substring(start));
    }
    return out;
  }
}

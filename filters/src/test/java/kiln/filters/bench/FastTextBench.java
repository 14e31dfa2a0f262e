package kiln.filters.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kiln.filters.model.FastTextModel;
import kiln.filters.model.FastTextPrediction;

/**
 * Single-thread fastText inference speed of {@link FastTextModel} on a text file, one prediction (k = 1) per
 * line, as {@code fasttext predict MODEL FILE 1}. Checks first that every line's label equals the binary's
 * ({@code EXPECTED}: its output); that pass also warms up the JIT. Then times {@code ROUNDS} passes, each doing
 * what the binary does after loading its model: read the file, split and decode its lines, predict, write one
 * label per line (to a null stream, as the script sends the binary's output to /dev/null). Model loading is
 * excluded on both sides (the script subtracts the binary's run on an empty file).
 *
 * <p>CPU time is the whole JVM's (user + sys of every thread: GC and JIT included), the same measure as the
 * binary's user + sys from the shell's {@code time}; the thread's own CPU time is printed too. Medians of the
 * rounds are reported. On a shared machine compare the CPU rates: they are the per-core figures.
 *
 * <p>Usage: {@code FastTextBench NAME MODEL FILE EXPECTED NATIVE_SECONDS NATIVE_CPU_SECONDS NATIVE_USER_SECONDS
 * ROUNDS}
 */
public final class FastTextBench {
  public static void main(String[] args) throws IOException {
    String name = args[0];
    FastTextModel model = FastTextModel.load(Path.of(args[1]));
    Path file = Path.of(args[2]);
    List<String> expected = splitLines(Files.readString(Path.of(args[3]), StandardCharsets.UTF_8));
    double nativeSeconds = Double.parseDouble(args[4]);
    double nativeCpu = Double.parseDouble(args[5]);
    double nativeUser = Double.parseDouble(args[6]);
    int rounds = Integer.parseInt(args[7]);
    List<String> lines = splitLines(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
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
    lines = null;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    double[] threadCpu = new double[rounds];
    long bytes = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      long p0 = os.getProcessCpuTime();
      long c0 = mx.getCurrentThreadCpuTime();
      bytes = predictFile(model, file);
      threadCpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
      cpu[r] = (os.getProcessCpuTime() - p0) / 1e9;
      wall[r] = (System.nanoTime() - t0) / 1e9;
    }
    double mb = bytes / 1e6;
    double w = median(wall);
    double c = median(cpu);
    double t = median(threadCpu);
    System.out.printf(Locale.ROOT, "BENCH fasttext_%s docs=%d mb=%.2f seconds=%.3f mb_per_s=%.2f cpu_seconds=%.3f "
        + "mb_per_cpu_s=%.2f thread_cpu_seconds=%.3f thread_mb_per_cpu_s=%.2f native_seconds=%.3f "
        + "native_mb_per_s=%.2f native_cpu_seconds=%.3f native_mb_per_cpu_s=%.2f kiln_over_native_cpu=%.2f "
        + "native_user_seconds=%.3f kiln_over_native_user=%.2f labels_equal=%d rounds=%d stat=median cpu=process_user+sys load=excluded threads=1 model=%s%n", name,
        same, mb, w, mb / w, c, mb / c, t, mb / t, nativeSeconds, mb / nativeSeconds, nativeCpu, mb / nativeCpu,
        nativeCpu / c, nativeUser, nativeUser / c, same, rounds, model);
  }

  /** One pass as {@code fasttext predict MODEL FILE 1 > /dev/null}: returns the bytes read. */
  static long predictFile(FastTextModel model, Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    try (Writer out = new BufferedWriter(new OutputStreamWriter(OutputStream.nullOutputStream(),
        StandardCharsets.UTF_8), 1 << 16)) {
      int start = 0;
      for (int i = 0; i <= b.length; i++) {
        if (i == b.length ? i > start : b[i] == '\n') {
          List<FastTextPrediction> p =
              model.predict(new String(b, start, i - start, StandardCharsets.UTF_8), 1, 0f);
          if (!p.isEmpty()) {
            out.write(p.get(0).label());
          }
          out.write('\n');
          start = i + 1;
        }
      }
    }
    return b.length;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
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

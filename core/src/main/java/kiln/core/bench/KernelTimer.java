package kiln.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

/**
 * Times a per-document kernel over a list of documents on one or more threads, for the {@code bench/} harness.
 *
 * <p>Every pass, on one thread or on two, runs on the same kind of worker thread and the workers take the next
 * document from one shared counter, as a Spark executor's task slots take the next task: a two-thread pass ends
 * when the last document is done, not when a pre-dealt half is, so the speed-up measures the kernel's scaling
 * (shared state, allocation, memory bandwidth) rather than how well the halves were balanced. Workers start and
 * finish each pass at a barrier, so the wall time of a pass covers exactly that pass on all threads, and the
 * warm-up passes (the JIT compiles the kernel during them) are never inside a timed pass. The result of a run is
 * the median pass: wall time, the CPU time of all workers and the CPU time of the whole process.
 *
 * <p>Each document's kernel value is folded into a checksum that does not depend on which thread ran it, so a
 * run on two threads can be checked against the run on one ({@link Timing#check}).
 */
public final class KernelTimer {
  private KernelTimer() {}

  /** One measured run: the median pass. */
  public record Timing(int threads, int passes, double wallSeconds, double cpuSeconds, double processCpuSeconds,
                       long check) {
    /** Megabytes per second of wall time. */
    public double mbPerSecond(double mb) {
      return mb / wallSeconds;
    }

    /** Megabytes per CPU-second of the workers: the per-core rate of a kernel that does its work on them. */
    public double mbPerCpuSecond(double mb) {
      return mb / cpuSeconds;
    }

    /**
     * Megabytes per CPU-second of the whole process: counts work a kernel hands to other threads (Lingua scores
     * languages on the common fork-join pool), garbage collection and what else the JVM runs during the pass.
     */
    public double mbPerProcessCpuSecond(double mb) {
      return mb / processCpuSeconds;
    }

    /** The timing fields of a {@code BENCH} line (bench/run.sh reads them) for {@code mb} megabytes per pass. */
    public String benchFields(double mb) {
      return String.format(java.util.Locale.ROOT, "mb=%.2f seconds=%.3f mb_per_s=%.2f cpu_seconds=%.3f "
          + "mb_per_cpu_s=%.2f process_cpu_seconds=%.3f mb_per_process_cpu_s=%.2f threads=%d passes=%d", mb,
          wallSeconds, mbPerSecond(mb), cpuSeconds, mbPerCpuSecond(mb), processCpuSeconds,
          mbPerProcessCpuSecond(mb), threads, passes);
    }
  }

  /** The documents, largest first: a shared-counter pass then ends with small documents, not one big one. */
  public static <T> List<T> largestFirst(List<T> docs, ToLongFunction<T> size) {
    List<T> out = new ArrayList<>(docs);
    out.sort(Comparator.comparingLong(size).reversed());
    return out;
  }

  /**
   * Runs {@code warmups} untimed and {@code passes} timed passes of {@code kernel} over {@code docs} on
   * {@code threads} worker threads and returns the median timed pass. Throws if a pass's checksum differs from
   * the first pass's (a kernel whose result depends on timing or thread).
   */
  public static <T> Timing time(List<T> docs, ToLongFunction<T> kernel, int threads, int warmups, int passes) {
    return compare(docs, kernel, new int[] {threads}, warmups, passes).get(0);
  }

  /**
   * Times the kernel on each of {@code threadCounts} (e.g. one and two threads) with the passes interleaved: pass
   * 1 on every count, then pass 2 on every count, and so on, so that the runs see the same JIT state and the same
   * machine, and a speed-up is not the JIT finishing its work between two runs. Checks that every run gives the
   * same checksum.
   */
  public static <T> List<Timing> compare(List<T> docs, ToLongFunction<T> kernel, int[] threadCounts, int warmups,
      int passes) {
    if (passes < 1 || warmups < 0 || threadCounts.length == 0) {
      throw new IllegalArgumentException("passes must be >= 1, warmups >= 0, at least one thread count");
    }
    List<Pool<T>> pools = new ArrayList<>();
    try {
      for (int n : threadCounts) {
        pools.add(new Pool<>(docs, kernel, n));
      }
      double[][][] m = new double[pools.size()][3][passes];
      Long check = null;
      for (int p = 0; p < warmups + passes; p++) {
        for (int k = 0; k < pools.size(); k++) {
          double[] pass = pools.get(k).pass();
          long sum = pools.get(k).lastSum;
          if (check == null) {
            check = sum;
          } else if (sum != check) {
            throw new IllegalStateException("pass " + p + " on " + threadCounts[k] + " thread(s) gave checksum " + sum
                + ", the first pass " + check);
          }
          if (p >= warmups) {
            for (int j = 0; j < 3; j++) {
              m[k][j][p - warmups] = pass[j];
            }
          }
        }
      }
      List<Timing> out = new ArrayList<>();
      for (int k = 0; k < pools.size(); k++) {
        out.add(new Timing(threadCounts[k], passes, median(m[k][0]), median(m[k][1]), median(m[k][2]), check));
      }
      return out;
    } finally {
      for (Pool<T> pool : pools) {
        pool.close();
      }
    }
  }

  /** Worker threads that run one pass over the documents each time {@link #pass} is called. */
  private static final class Pool<T> {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final List<T> docs;
    private final ToLongFunction<T> kernel;
    private final CyclicBarrier start;
    private final CyclicBarrier end;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread[] workers;
    private final long[] cpu;
    private final long[] sum;
    long lastSum;

    Pool(List<T> docs, ToLongFunction<T> kernel, int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1");
      }
      this.docs = docs;
      this.kernel = kernel;
      start = new CyclicBarrier(threads + 1);
      end = new CyclicBarrier(threads + 1);
      workers = new Thread[threads];
      cpu = new long[threads];
      sum = new long[threads];
      for (int t = 0; t < threads; t++) {
        int w = t;
        workers[t] = new Thread(() -> work(w), "kernel-timer-" + threads + "-" + t);
        workers[t].setDaemon(true);
        workers[t].start();
      }
    }

    private void work(int w) {
      try {
        while (true) {
          start.await();
          long c0 = MX.getCurrentThreadCpuTime();
          long acc = 0;
          try {
            for (int i = next.getAndIncrement(); i < docs.size(); i = next.getAndIncrement()) {
              // position-weighted sum: the same whichever worker took document i
              acc += (2L * i + 1) * kernel.applyAsLong(docs.get(i));
            }
          } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            next.set(docs.size()); // the other workers stop at their next document
          }
          cpu[w] = MX.getCurrentThreadCpuTime() - c0;
          sum[w] = acc;
          end.await();
        }
      } catch (InterruptedException | BrokenBarrierException e) {
        // closed
      }
    }

    /** One pass: {wall seconds, worker CPU seconds, process CPU seconds}; its checksum in {@link #lastSum}. */
    double[] pass() {
      next.set(0);
      try {
        long p0 = OS.getProcessCpuTime();
        start.await();
        long t0 = System.nanoTime();
        end.await();
        long elapsed = System.nanoTime() - t0;
        long processCpu = OS.getProcessCpuTime() - p0;
        Throwable f = failure.get();
        if (f != null) {
          throw f instanceof RuntimeException r ? r : new IllegalStateException("kernel failed", f);
        }
        long c = 0;
        long s = 0;
        for (int w = 0; w < workers.length; w++) {
          c += cpu[w];
          s += sum[w];
        }
        lastSum = s;
        return new double[] {elapsed / 1e9, c / 1e9, processCpu / 1e9};
      } catch (InterruptedException | BrokenBarrierException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    void close() {
      for (Thread t : workers) {
        t.interrupt();
      }
    }
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}

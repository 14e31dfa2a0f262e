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
    if (threads < 1 || passes < 1 || warmups < 0) {
      throw new IllegalArgumentException("threads and passes must be >= 1, warmups >= 0");
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    CyclicBarrier end = new CyclicBarrier(threads + 1);
    AtomicInteger next = new AtomicInteger();
    int total = warmups + passes;
    long[][] cpu = new long[threads][total];
    long[][] sum = new long[threads][total];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int w = t;
      workers[t] = new Thread(() -> {
        try {
          for (int p = 0; p < total; p++) {
            start.await();
            long c0 = mx.getCurrentThreadCpuTime();
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
            cpu[w][p] = mx.getCurrentThreadCpuTime() - c0;
            sum[w][p] = acc;
            end.await();
          }
        } catch (InterruptedException | BrokenBarrierException e) {
          // the run was given up (a failure or checksum mismatch on another worker)
        }
      }, "kernel-timer-" + t);
      workers[t].setDaemon(true);
      workers[t].start();
    }
    double[] wall = new double[passes];
    double[] cpuSec = new double[passes];
    double[] processSec = new double[passes];
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long check = 0;
    try {
      for (int p = 0; p < total; p++) {
        next.set(0);
        long p0 = os.getProcessCpuTime();
        start.await();
        long t0 = System.nanoTime();
        end.await();
        long elapsed = System.nanoTime() - t0;
        long processCpu = os.getProcessCpuTime() - p0;
        Throwable f = failure.get();
        if (f != null) {
          throw f instanceof RuntimeException r ? r : new IllegalStateException("kernel failed", f);
        }
        long c = 0;
        long s = 0;
        for (int w = 0; w < threads; w++) {
          c += cpu[w][p];
          s += sum[w][p];
        }
        if (p == 0) {
          check = s;
        } else if (s != check) {
          throw new IllegalStateException("pass " + p + " gave checksum " + s + ", the first pass " + check);
        }
        if (p >= warmups) {
          wall[p - warmups] = elapsed / 1e9;
          cpuSec[p - warmups] = c / 1e9;
          processSec[p - warmups] = processCpu / 1e9;
        }
      }
    } catch (InterruptedException | BrokenBarrierException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      for (Thread t : workers) {
        t.interrupt();
      }
    }
    return new Timing(threads, passes, median(wall), median(cpuSec), median(processSec), check);
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}

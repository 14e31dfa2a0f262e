package kiln.jobs.bench;

import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kiln.core.Columns;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.core.stats.StageStats;
import kiln.filters.FilterChain;
import kiln.filters.spark.FilterStage;
import kiln.jobs.run.Progress;
import kiln.jobs.run.RunContext;
import kiln.jobs.run.StageRunner;
import kiln.jobs.run.Step;
import kiln.jobs.run.StepRegistry;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a document stage costs around its kernel: the filter chain alone in plain Java against the whole filter
 * stage on Spark ({@code local[1]}), on the same documents. Input is what {@code kiln.filters.bench.StageInput}
 * writes ({@code DIR/corpus/}: the filter benchmark's corpus as Parquet; {@code DIR/chain.yaml}: its chain).
 * Measures, each on one core:
 * <ul>
 *   <li>{@code stage_kernel}: the chain over the documents, thread CPU time;</li>
 *   <li>{@code stage_convert}: Kiln's own row conversion ({@link DocumentSchema#toDocument} and
 *       {@link DocumentSchema#toAnnotatedRow}) over the same rows, thread CPU time, no Spark;</li>
 *   <li>{@code stage_filter}: the filter stage as {@code kiln filter --in DIR/corpus} runs it (read Parquet,
 *       annotate, write {@code kept/}, {@code rejected/}, {@code _stats.json} and the profile);</li>
 *   <li>{@code stage_passthrough}: the same with {@code filters: []}, so what is left is the row conversion,
 *       Parquet reading and writing and the stage runner's passes;</li>
 *   <li>{@code stage_io}: the stage runner over the input with a null {@code reason} column and no
 *       {@code mapPartitions}: Parquet and the runner without any row conversion.</li>
 * </ul>
 * The Spark runs are timed in process CPU time (every JVM thread: Spark's, GC, JIT), after one warm-up run, as
 * the median of {@code runs}; wall time is printed too. Per row and per MB figures are CPU time. The plain-Java
 * parts also print their process CPU time ({@code process_cpu_seconds}), and the stage overhead is the filter
 * stage's process CPU minus the kernel's, so garbage collection counts on both sides.
 *
 * <p>Usage: {@code DocumentStageBench DIR [runs=N] [only=kernel,convert,filter,passthrough,io] [keep=OUT]};
 * with {@code keep}, the last run of each Spark variant stays in {@code OUT/<variant>} (to compare outputs
 * before and after a change).
 */
public final class DocumentStageBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private DocumentStageBench() {}

  /**
   * One measurement: median wall and CPU seconds over the timed runs; {@code process} is the process CPU time
   * (GC and JIT threads included), which for a plain-Java kernel is what compares with a Spark run.
   */
  record Timing(double wall, double cpu, double process) {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int runs = 3;
    Path keep = null;
    List<String> only = List.of("kernel", "convert", "filter", "passthrough", "io");
    for (String a : Arrays.asList(args).subList(1, args.length)) {
      if (a.startsWith("runs=")) {
        runs = Integer.parseInt(a.substring(5));
      } else if (a.startsWith("keep=")) {
        keep = Path.of(a.substring(5));
      } else if (a.startsWith("only=")) {
        only = List.of(a.substring(5).split(","));
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    String input = dir.resolve("corpus").toString();
    Path chainYaml = dir.resolve("chain.yaml");
    SparkSession spark = SparkSessions.create("kiln stage bench", "local[1]", Map.of());
    try {
      List<Row> rows = spark.read().parquet(input).collectAsList();
      List<Document> docs = new ArrayList<>();
      long bytes = 0;
      for (Row r : rows) {
        Document d = DocumentSchema.toDocument(r);
        docs.add(d);
        bytes += d.textBytes();
      }
      Result res = new Result(docs.size(), bytes / 1e6);
      Map<String, Timing> t = new TreeMap<>();
      if (only.contains("kernel")) {
        FilterChain chain = FilterStage.buildChain(ConfigNode.load(chainYaml));
        t.put("kernel", res.print("stage_kernel", threadCpu(runs, () -> {
          int kept = 0;
          for (Document d : docs) {
            kept += chain.apply(d).reason() == null ? 1 : 0;
          }
          return kept;
        }), "clock=thread_cpu"));
      }
      if (only.contains("convert")) {
        t.put("convert", res.print("stage_convert", threadCpu(runs, () -> {
          int n = 0;
          for (Row r : rows) {
            n += DocumentSchema.toAnnotatedRow(DocumentSchema.toDocument(r), null).length();
          }
          return n;
        }), "clock=thread_cpu"));
      }
      Path outs = Files.createTempDirectory("kiln-stage-bench");
      try {
        if (only.contains("filter")) {
          t.put("filter", res.print("stage_filter",
              processCpu(runs, keep(keep, "filter", outs),
                  out -> stage(spark, ConfigNode.load(chainYaml), input, out)),
              "clock=process_cpu master=local[1]"));
        }
        if (only.contains("passthrough")) {
          t.put("passthrough", res.print("stage_passthrough",
              processCpu(runs, keep(keep, "passthrough", outs),
                  out -> stage(spark, ConfigNode.parse("filters: []\n", "passthrough"), input, out)),
              "clock=process_cpu master=local[1]"));
        }
        if (only.contains("io")) {
          t.put("io", res.print("stage_io", processCpu(runs, keep(keep, "io", outs), out -> {
            Dataset<Row> in = spark.read().parquet(input);
            StageRunner.run(spark, "io", in.withColumn(Columns.REASON, lit(null).cast("string")), out, Map.of());
          }), "clock=process_cpu master=local[1]"));
        }
      } finally {
        delete(outs);
      }
      res.summary(t);
    } finally {
      spark.stop();
    }
  }

  /** The filter stage on {@code input}, as {@code kiln filter} runs it. */
  static void stage(SparkSession spark, ConfigNode cfg, String input, String out) {
    Step step = StepRegistry.build("filter", "filter", cfg, "", null);
    StageStats s = step.run(new RunContext(spark, out, new Progress(new PrintStream(PrintStream.nullOutputStream()))),
        input, out);
    if (s.docsIn() != s.docsKept() + s.docsRejected()) {
      throw new IllegalStateException("stats do not add up: " + s.toJson());
    }
  }

  /** One warm-up call, then {@code runs} timed calls on this thread's CPU clock (and the process's). */
  static Timing threadCpu(int runs, Supplier<Integer> work) {
    int check = work.get();
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    double[] process = new double[runs];
    for (int i = 0; i < runs; i++) {
      System.gc();
      long t0 = System.nanoTime();
      long c0 = THREADS.getCurrentThreadCpuTime();
      long p0 = OS.getProcessCpuTime();
      if (work.get() != check) {
        throw new IllegalStateException("the kernel decided differently between runs");
      }
      cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
      process[i] = (OS.getProcessCpuTime() - p0) / 1e9;
      wall[i] = (System.nanoTime() - t0) / 1e9;
    }
    return new Timing(median(wall), median(cpu), median(process));
  }

  /** Where {@link #processCpu} writes: {@code keep/variant} to keep the last run, else a scratch folder. */
  static Output keep(Path keep, String variant, Path scratch) {
    return keep == null ? new Output(scratch, null) : new Output(scratch, keep.resolve(variant));
  }

  /** A scratch folder for the runs and, if not null, where the last run's output is moved. */
  record Output(Path scratch, Path last) {}

  /** One warm-up run, then {@code runs} timed runs on the process CPU clock, each into a new folder. */
  static Timing processCpu(int runs, Output outs, java.util.function.Consumer<String> run) throws IOException {
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int i = -1; i < runs; i++) {
      Path out = outs.scratch().resolve("run" + System.nanoTime());
      System.gc(); // the previous run's garbage is not this run's cost
      long t0 = System.nanoTime();
      long c0 = OS.getProcessCpuTime();
      run.accept(out.toString());
      if (i >= 0) {
        cpu[i] = (OS.getProcessCpuTime() - c0) / 1e9;
        wall[i] = (System.nanoTime() - t0) / 1e9;
      }
      if (i == runs - 1 && outs.last() != null) {
        delete(outs.last());
        Files.createDirectories(outs.last().getParent());
        Files.move(out, outs.last());
      }
      delete(out);
    }
    double c = median(cpu);
    return new Timing(median(wall), c, c);
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static void delete(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints BENCH lines and the per-row comparison for {@code docs} documents of {@code mb} MB of text. */
  record Result(int docs, double mb) {
    Timing print(String stage, Timing t, String extra) {
      System.out.printf(Locale.ROOT, "BENCH %s docs=%d mb=%.2f seconds=%.3f mb_per_s=%.2f cpu_seconds=%.3f "
              + "mb_per_cpu_s=%.2f us_per_row=%.1f process_cpu_seconds=%.3f threads=1 %s%n", stage, docs, mb,
          t.wall(), mb / t.wall(), t.cpu(), mb / t.cpu(), t.cpu() * 1e6 / docs, t.process(), extra);
      System.out.flush();
      return t;
    }

    /** CPU milliseconds per MB and microseconds per row of each part, and the stage's cost beyond its kernel. */
    void summary(Map<String, Timing> t) {
      System.out.printf(Locale.ROOT, "%n%-34s %12s %12s%n", "CPU time (" + docs + " rows, " + String.format(
          Locale.ROOT, "%.1f", mb) + " MB)", "us/row", "ms/MB");
      t.forEach((k, v) -> row(k, v.cpu()));
      if (t.containsKey("kernel")) {
        row("kernel, process CPU (GC, JIT)", t.get("kernel").process());
      }
      if (t.containsKey("filter") && t.containsKey("kernel")) {
        // process CPU on both sides: the kernel's garbage is collected on GC threads in the stage too
        row("filter - kernel (stage overhead)", t.get("filter").cpu() - t.get("kernel").process());
      }
      if (t.containsKey("passthrough") && t.containsKey("io")) {
        row("passthrough - io (row conversion)", t.get("passthrough").cpu() - t.get("io").cpu());
      }
    }

    private void row(String name, double cpu) {
      System.out.printf(Locale.ROOT, "%-34s %12.0f %12.1f%n", name, cpu * 1e6 / docs, cpu * 1e3 / mb);
    }
  }
}

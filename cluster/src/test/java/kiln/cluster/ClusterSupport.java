package kiln.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kiln.core.stats.StageStats;
import kiln.jobs.demo.DemoPipeline;
import kiln.jobs.demo.DemoSample;

/** Shared plumbing of the cluster tests: the checkout, the demo input, launching scripts, comparing outputs. */
final class ClusterSupport {
  private ClusterSupport() {}

  /** The checkout: {@code kiln.root} (failsafe sets it), else found from the working directory. */
  static Path repo() {
    String r = System.getProperty("kiln.root");
    if (r != null && Files.isRegularFile(Path.of(r, "cluster/bin/standalone.sh"))) {
      return Path.of(r).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("cluster/bin/standalone.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the Kiln checkout (set -Dkiln.root)");
  }

  /** Skips unless the packaged application jar and classpath exist (the reactor's package phase makes them). */
  static void assumePackaged(Path repo) {
    assumeTrue(Files.isRegularFile(repo.resolve("jobs/target/kiln.jar"))
            && Files.isRegularFile(repo.resolve("jobs/target/spark.cp")),
        "jobs/target/kiln.jar and spark.cp missing: run `mvn -B verify` (or `mvn -B -DskipTests package` first)");
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is needed to run cluster/bin/*.sh");
  }

  /**
   * Writes the demo's sample corpus and its pipeline (without the report, which cluster tests do not compare)
   * to {@code dir}; returns the pipeline file.
   */
  static Path demoPipeline(Path repo, Path dir) throws IOException {
    DemoSample.Sample s = DemoSample.write(repo, dir.resolve("sample"));
    String yaml = DemoPipeline.sampleYaml(s).replace("report: true", "report: false");
    assertFalse(yaml.contains("report: true"), "demo pipeline must not write the report in cluster tests");
    Path p = dir.resolve("pipeline.yaml");
    Files.writeString(p, yaml);
    return p;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts a script of the checkout with its output (stdout + stderr) in {@code log}. */
  static Process start(Path repo, Path log, Map<String, String> env, List<String> cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putIfAbsent("KILN_LOG_LEVEL", "WARN");
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs to completion; fails with the log's tail on a non-zero exit or a timeout. */
  static void runOk(Process p, Path log, Duration timeout) throws IOException, InterruptedException {
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      killTree(p.toHandle());
      throw new AssertionError("timed out after " + timeout + ":\n" + tail(log));
    }
    assertEquals(0, p.exitValue(), () -> "exit " + p.exitValue() + ":\n" + tail(log));
  }

  /** {@code cluster/bin/submit.sh ... -- run PIPELINE --out OUT}. */
  static List<String> submit(Path repo, String master, Path pipeline, Path out) {
    return submit(repo, master, List.of(), pipeline, out.toString());
  }

  /** {@code cluster/bin/submit.sh ... SPARK_ARGS -- run PIPELINE --out OUT}, {@code out} any Hadoop path. */
  static List<String> submit(Path repo, String master, List<String> sparkArgs, Path pipeline, String out) {
    List<String> cmd = new ArrayList<>(List.of("bash", repo.resolve("cluster/bin/submit.sh").toString(),
        "--master", master,
        "--conf", "spark.sql.shuffle.partitions=4",
        "--conf", "spark.executor.memory=512m",
        "--conf", "spark.task.maxFailures=8"));
    cmd.addAll(sparkArgs);
    cmd.addAll(List.of("--", "run", pipeline.toString(), "--out", out));
    return cmd;
  }

  /** Waits until {@code log} contains {@code needle}, or the process ends, or the timeout passes. */
  static boolean await(Path log, String needle, Process p, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (read(log).contains(needle)) {
        return true;
      }
      if (!p.isAlive()) {
        return read(log).contains(needle);
      }
      Thread.sleep(100);
    }
    return false;
  }

  static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String tail(Path log) {
    String s = read(log);
    return s.length() > 6000 ? "..." + s.substring(s.length() - 6000) : s;
  }

  /** Kills a process and everything it started, children first, without waiting for shutdown hooks. */
  static void killTree(ProcessHandle h) {
    h.descendants().forEach(ProcessHandle::destroyForcibly);
    h.destroyForcibly();
  }

  /** sha256 of every Megatron shard file ({@code .bin}, {@code .idx}) and manifest under {@code out}. */
  static Map<String, String> shardDigests(Path out) throws IOException {
    Map<String, String> d = new TreeMap<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String n = f.getFileName().toString();
        if (n.endsWith(".bin") || n.endsWith(".idx")) {
          d.put(out.relativize(f).toString(), sha256(f));
        }
      }
    }
    return d;
  }

  static String sha256(Path f) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every stage's {@code _stats.json} under {@code out}, by stage folder. */
  static Map<String, StageStats> stageStats(Path out) throws IOException {
    Map<String, StageStats> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path dir : s.filter(Files::isDirectory).toList()) {
        Path f = dir.resolve("_stats.json");
        if (Files.isRegularFile(f)) {
          m.put(dir.getFileName().toString(), StageStats.fromJson(Files.readString(f)));
        }
      }
    }
    return m;
  }

  /** Stage name, in, kept, rejected: what must match between runs (wall times of course differ). */
  static Map<String, String> counts(Map<String, StageStats> stats) {
    Map<String, String> m = new TreeMap<>();
    stats.forEach((k, s) -> m.put(k, s.stage() + " in=" + s.docsIn() + " kept=" + s.docsKept()
        + " rejected=" + s.docsRejected() + " bytes_kept=" + s.bytesKept()));
    return m;
  }

  /** docs_in == docs_kept + docs_rejected for every stage. */
  static void assertInvariant(Map<String, StageStats> stats) {
    assertFalse(stats.isEmpty(), "no stage wrote _stats.json");
    stats.forEach((k, s) -> assertEquals(s.docsIn(), s.docsKept() + s.docsRejected(),
        () -> k + ": docs_in " + s.docsIn() + " != kept " + s.docsKept() + " + rejected " + s.docsRejected()));
  }
}

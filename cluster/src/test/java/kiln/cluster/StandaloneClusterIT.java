package kiln.cluster;

import static kiln.cluster.ClusterSupport.assertInvariant;
import static kiln.cluster.ClusterSupport.await;
import static kiln.cluster.ClusterSupport.counts;
import static kiln.cluster.ClusterSupport.killTree;
import static kiln.cluster.ClusterSupport.read;
import static kiln.cluster.ClusterSupport.runOk;
import static kiln.cluster.ClusterSupport.shardDigests;
import static kiln.cluster.ClusterSupport.stageStats;
import static kiln.cluster.ClusterSupport.submit;
import static kiln.cluster.ClusterSupport.tail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kiln.core.stats.StageStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pipeline through spark-submit on a standalone master with two 1-core workers on 127.0.0.1, started
 * from the Maven jars by {@code cluster/bin/standalone.sh}. The reference is the same pipeline submitted to
 * {@code local[2]}; every cluster run must give the same shard bytes and the same per-stage counts, whether it ran
 * clean, resumed after its driver was killed, or lost a worker mid-stage. The worker-loss test runs last since it
 * leaves one worker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  @TempDir
  static Path tmp;

  private static Path repo;
  private static Path pipeline;
  private static Map<String, String> envCluster;
  private static String master;
  private static Map<String, String> refShards;
  private static Map<String, String> refCounts;

  @BeforeAll
  static void setUp() throws Exception {
    repo = ClusterSupport.repo();
    ClusterSupport.assumePackaged(repo);
    pipeline = ClusterSupport.demoPipeline(repo, tmp.resolve("demo"));

    Path refOut = tmp.resolve("ref");
    Path refLog = tmp.resolve("ref.log");
    runOk(ClusterSupport.start(repo, refLog, Map.of(), submit(repo, "local[2]", pipeline, refOut)), refLog, RUN_TIMEOUT);
    refShards = shardDigests(refOut);
    assertFalse(refShards.isEmpty(), "local[2] run wrote no shards:\n" + tail(refLog));
    Map<String, StageStats> stats = stageStats(refOut);
    assertInvariant(stats);
    refCounts = counts(stats);

    int port = ClusterSupport.freePort();
    envCluster = Map.of("KILN_CLUSTER_DIR", tmp.resolve("standalone").toString(),
        "KILN_MASTER_PORT", Integer.toString(port));
    Path log = tmp.resolve("standalone-start.log");
    runOk(ClusterSupport.start(repo, log, envCluster,
        List.of("bash", repo.resolve("cluster/bin/standalone.sh").toString(), "start", "2")), log, Duration.ofMinutes(3));
    master = "spark://127.0.0.1:" + port;
    assertTrue(read(log).contains(master), read(log));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (envCluster == null) {
      return;
    }
    Path state = Path.of(envCluster.get("KILN_CLUSTER_DIR"));
    // Kill by pid file, whole process trees (a worker's executors are its children), then the script's stop.
    for (String f : List.of("worker1.pid", "worker2.pid", "master.pid")) {
      pid(state, f).flatMap(ProcessHandle::of).ifPresent(ClusterSupport::killTree);
    }
    Path log = tmp.resolve("standalone-stop.log");
    ClusterSupport.start(repo, log, envCluster,
        List.of("bash", repo.resolve("cluster/bin/standalone.sh").toString(), "stop")).waitFor();
  }

  private static Optional<Long> pid(Path state, String file) throws IOException {
    Path f = state.resolve(file);
    return Files.exists(f) ? Optional.of(Long.parseLong(Files.readString(f).strip())) : Optional.empty();
  }

  private static void assertSameAsLocal(Path out, Path log) throws IOException {
    assertEquals(refShards, shardDigests(out), () -> "shards differ from the local[2] run:\n" + tail(log));
    Map<String, StageStats> stats = stageStats(out);
    assertInvariant(stats);
    assertEquals(refCounts, counts(stats));
  }

  @Test
  @Order(1)
  void standaloneSubmitMatchesLocal() throws Exception {
    Path out = tmp.resolve("clean");
    Path log = tmp.resolve("clean.log");
    runOk(ClusterSupport.start(repo, log, Map.of(), submit(repo, master, pipeline, out)), log, RUN_TIMEOUT);
    assertSameAsLocal(out, log);
    // Both workers ran executors for this application.
    Path state = Path.of(envCluster.get("KILN_CLUSTER_DIR"));
    for (String w : List.of("work1", "work2")) {
      try (var s = Files.list(state.resolve(w))) {
        assertTrue(s.findAny().isPresent(), w + " ran no executor");
      }
    }
  }

  @Test
  @Order(2)
  void driverKilledAfterFilterResumes() throws Exception {
    Path out = tmp.resolve("resume");
    Path log1 = tmp.resolve("resume-1.log");
    Process driver = ClusterSupport.start(repo, log1, Map.of(), submit(repo, master, pipeline, out));
    try {
      // Progress prints "[kiln] filter    N in -> ..." once filter's output is committed with its config hash.
      assertTrue(await(log1, "[kiln] filter ", driver, RUN_TIMEOUT) && awaitDone(log1, "filter", driver),
          () -> "filter never finished:\n" + tail(log1));
    } finally {
      killTree(driver.toHandle());
      driver.waitFor();
    }
    assertFalse(Files.exists(out.resolve("shards")), "the driver was killed too late: shards already written");
    assertTrue(Files.exists(out.resolve("filter/_config_hash")), "filter finished but left no _config_hash");

    Path log2 = tmp.resolve("resume-2.log");
    runOk(ClusterSupport.start(repo, log2, Map.of(), submit(repo, master, pipeline, out)), log2, RUN_TIMEOUT);
    String rerun = read(log2);
    assertTrue(rerun.contains("[kiln] ingest    skipped"), rerun);
    assertTrue(rerun.contains("[kiln] filter    skipped"), rerun);
    assertFalse(rerun.contains("[kiln] tokenize  skipped"), rerun);
    assertSameAsLocal(out, log2);
  }

  private static boolean awaitDone(Path log, String stage, Process p) throws InterruptedException {
    return await(log, String.format("[kiln] %-9s ", stage), p, RUN_TIMEOUT)
        && awaitMatch(log, "(?m)^\\[kiln\\] " + stage + " +[0-9,]+ in -> ", p);
  }

  private static boolean awaitMatch(Path log, String regex, Process p) throws InterruptedException {
    java.util.regex.Pattern pat = java.util.regex.Pattern.compile(regex);
    long end = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (System.nanoTime() < end) {
      if (pat.matcher(read(log)).find()) {
        return true;
      }
      if (!p.isAlive()) {
        return pat.matcher(read(log)).find();
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  @Order(3)
  void workerKilledMidStageSurvives() throws Exception {
    Path out = tmp.resolve("fault");
    Path log = tmp.resolve("fault.log");
    Path state = Path.of(envCluster.get("KILN_CLUSTER_DIR"));
    long workerPid = pid(state, "worker1.pid").orElseThrow();
    Process driver = ClusterSupport.start(repo, log, Map.of(), submit(repo, master, pipeline, out));
    try {
      assertTrue(await(log, "[kiln] dedup     running", driver, RUN_TIMEOUT),
          () -> "dedup never started:\n" + tail(log));
      Thread.sleep(1500); // let dedup's tasks get going on both executors
      ProcessHandle worker = ProcessHandle.of(workerPid).orElseThrow(() -> new AssertionError("worker1 not running"));
      assertTrue(driver.isAlive(), () -> "the run ended before the worker could be killed:\n" + tail(log));
      // A machine dying: the worker and its executor JVM go at once, no shutdown hooks.
      killTree(worker);
      worker.onExit().get();
      runOk(driver, log, RUN_TIMEOUT);
    } finally {
      if (driver.isAlive()) {
        killTree(driver.toHandle());
      }
    }
    assertTrue(read(log).contains("Lost executor"), () -> "the driver never noticed the lost executor:\n" + tail(log));
    assertSameAsLocal(out, log);
  }
}

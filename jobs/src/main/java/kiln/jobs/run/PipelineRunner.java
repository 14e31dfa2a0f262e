package kiln.jobs.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.core.fs.HadoopFiles;
import kiln.core.stats.StageStats;
import kiln.jobs.ingest.commoncrawl.CommonCrawlIngest;
import kiln.jobs.spark.SparkSessions;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a validated {@link Pipeline}: each step into {@code OUT/<step>/}, then {@code OUT/_run.json}.
 *
 * <p>Resume: a step whose folder holds {@code _stats.json} and a {@code _config_hash} equal to the hash
 * of its config chained with all upstream hashes is skipped; any change upstream re-runs everything after it.
 * {@code _config_hash} and {@code _run.json} are written atomically ({@link HadoopFiles#writeString}).
 */
public final class PipelineRunner {
  private PipelineRunner() {}

  static final String CONFIG_HASH = "_config_hash";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** What a run did, step by step. */
  public record Result(String outDir, List<StageStats> stages, List<String> skipped, double wallSeconds) {}

  public static Result run(Pipeline p, String outDir, String masterOverride, Progress progress) {
    String master = masterOverride != null ? masterOverride : p.master();
    SparkSession spark = SparkSessions.create("kiln " + p.name(), master, p.sparkConf());
    return run(spark, p, outDir, progress);
  }

  public static Result run(SparkSession spark, Pipeline p, String outDir, Progress progress) {
    long t0 = System.nanoTime();
    Configuration hconf = spark.sparkContext().hadoopConfiguration();
    String root = qualify(hconf, outDir);
    RunContext ctx = new RunContext(spark, root, progress);
    List<StageStats> stats = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<Map<String, Object>> stageRecords = new ArrayList<>();
    String chain = "";
    String input = p.input();
    for (Step step : p.steps()) {
      chain = Pipeline.hashOf(chain + "|" + step.type() + ":" + step.configHash());
      String dir = root + "/" + step.folder();
      StageStats s;
      boolean skip = chain.equals(readString(hconf, dir + "/" + CONFIG_HASH))
          && readString(hconf, dir + "/" + StageRunner.STATS) != null;
      if (skip) {
        s = StageStats.fromJson(readString(hconf, dir + "/" + StageRunner.STATS));
        progress.info(String.format("%-9s skipped: complete with the same config (%s)", step.name(), chain));
        skipped.add(step.name());
      } else {
        progress.start(step.name(), "running");
        spark.sparkContext().setJobGroup(step.name(), step.type() + " -> " + dir, false);
        s = step.run(ctx, input, dir);
        spark.sparkContext().clearJobGroup();
        // A stage that could not fetch all of its input is not complete: without the hash a rerun runs it again,
        // and it resumes from its own state, fetching only what failed. The done line comes after the hash, so
        // a stage reported done is also one a rerun skips.
        Object failed = s.extra().get(CommonCrawlIngest.FAILED_KEY);
        boolean incomplete = failed instanceof Number n && n.longValue() > 0;
        if (!incomplete) {
          writeString(hconf, dir + "/" + CONFIG_HASH, chain);
        }
        progress.done(s);
        if (incomplete) {
          progress.info(String.format("%-9s incomplete: %d input file(s) failed to fetch; rerun to fetch them",
              step.name(), ((Number) failed).longValue()));
        }
      }
      stats.add(s);
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("name", step.name());
      rec.put("type", step.type());
      rec.put("folder", step.folder());
      rec.put("config_hash", chain);
      rec.put("skipped", skip);
      rec.put("wall_seconds", s.wallSeconds());
      rec.put("docs_in", s.docsIn());
      rec.put("docs_kept", s.docsKept());
      stageRecords.add(rec);
      input = step.primaryOutput(dir);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("name", p.name());
    run.put("config_file", p.file());
    run.put("config_hash", p.hash());
    run.put("stages", stageRecords);
    run.put("wall_seconds", Math.round(wall * 1000) / 1000.0);
    try {
      writeString(hconf, root + "/_run.json", JSON.writeValueAsString(run) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(root, stats, skipped, wall);
  }

  /** A plain path stays local (see {@link HadoopFiles#path}); URIs keep their file system. */
  static String qualify(Configuration conf, String dir) {
    return HadoopFiles.qualify(conf, dir);
  }

  /** Content of a small file, stripped, or null when absent. */
  static String readString(Configuration conf, String path) {
    String s = HadoopFiles.readString(conf, path);
    return s == null ? null : s.strip();
  }

  static void writeString(Configuration conf, String path, String content) {
    HadoopFiles.writeString(conf, path, content);
  }
}

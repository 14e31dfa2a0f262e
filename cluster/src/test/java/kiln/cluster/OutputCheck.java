package kiln.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.stats.StageStats;
import kiln.jobs.demo.DemoPipeline;
import kiln.jobs.demo.DemoSample;
import kiln.jobs.run.Pipeline;
import kiln.jobs.run.PipelineRunner;
import kiln.jobs.run.Progress;
import kiln.tokenize.spark.ShardOutput;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/**
 * The demo pipeline (ingest of a WARC, a code tree and books, then filter, dedup, tokenize, mix to Megatron
 * shards) once on {@code file://} and once with input and output on a remote Hadoop file system; both must
 * agree. Shared by {@link HdfsIT} and {@link S3IT}.
 */
final class RemotePipelineRun {
  private RemotePipelineRun() {}

  static final List<String> STEPS = List.of("ingest", "filter", "dedup", "tokenize", "mix");

  /**
   * Runs the demo pipeline from local files to {@code tmp/local-out}, copies its inputs to {@code remoteRoot/in},
   * runs it from there to {@code remoteRoot/out}, and checks: shard sha256s and {@code manifest.json} equal,
   * every stage's counts, reasons and kept/rejected rows equal, no in-progress or scratch folders left, and a
   * rerun skips every stage.
   */
  static void assertSameAsLocal(SparkSession spark, FileSystem fs, String remoteRoot, Path tmp) throws Exception {
    Path repo = ClusterSupport.repo();
    Path sampleDir = tmp.resolve("sample");
    DemoSample.Sample sample = DemoSample.write(repo, sampleDir);
    String yaml = DemoPipeline.sampleYaml(sample).replace("report: true", "report: false");
    Path localYaml = tmp.resolve("local.yaml");
    Files.writeString(localYaml, yaml);
    Progress quiet = new Progress(System.out);
    Path localOut = tmp.resolve("local-out");
    PipelineRunner.run(spark, Pipeline.load(localYaml), localOut.toString(), quiet);

    String remoteSample = remoteRoot + "/in/sample";
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(sampleDir.toUri()), new org.apache.hadoop.fs.Path(remoteSample));
    String remoteYamlText = yaml.replace(sampleDir.toString(), remoteSample);
    assertTrue(remoteYamlText.contains(remoteSample + "/web"), remoteYamlText);
    assertFalse(remoteYamlText.contains(sampleDir.toString()), "every input must be remote:\n" + remoteYamlText);
    Path remoteYaml = tmp.resolve("remote.yaml");
    Files.writeString(remoteYaml, remoteYamlText);
    String remoteOut = remoteRoot + "/kiln/out";
    PipelineRunner.Result r = PipelineRunner.run(spark, Pipeline.load(remoteYaml), remoteOut, quiet);
    String scheme = remoteRoot.substring(0, remoteRoot.indexOf(':'));
    assertTrue(r.outDir().startsWith(scheme + "://"), r.outDir());
    assertTrue(r.skipped().isEmpty(), "first remote run skipped " + r.skipped());

    Map<String, String> localShards = ClusterSupport.shardDigests(localOut);
    assertTrue(localShards.size() >= 2, "the local run wrote no shards: " + localShards);
    assertEquals(localShards, shardDigests(fs, remoteOut), "shard bytes differ between file:// and " + scheme);
    assertEquals(Files.readString(localOut.resolve("shards/manifest.json")),
        read(fs, remoteOut + "/shards/manifest.json"));

    for (String step : STEPS) {
      String folder = step.equals("mix") ? "shards" : step;
      StageStats local = StageStats.fromJson(Files.readString(localOut.resolve(folder + "/_stats.json")));
      StageStats remote = StageStats.fromJson(read(fs, remoteOut + "/" + folder + "/_stats.json"));
      assertEquals(List.of(local.docsIn(), local.docsKept(), local.docsRejected(), local.bytesKept()),
          List.of(remote.docsIn(), remote.docsKept(), remote.docsRejected(), remote.bytesKept()), step);
      assertEquals(local.reasons(), remote.reasons(), step);
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(remoteOut + "/" + folder + "/_config_hash")), step);
      if (!step.equals("mix")) {
        for (String part : List.of("kept", "rejected")) {
          assertEquals(rows(spark, localOut.toUri() + "/" + step + "/" + part),
              rows(spark, remoteOut + "/" + step + "/" + part),
              step + "/" + part + " differs between file:// and " + scheme);
        }
      }
    }
    assertTrue(rows(spark, remoteOut + "/ingest/kept").size() > 10, "too few documents ingested");
    List<String> top = new ArrayList<>();
    for (FileStatus st : fs.listStatus(new org.apache.hadoop.fs.Path(remoteOut))) {
      String name = st.getPath().getName();
      // s3proxy's filesystem blob store keeps emptied folders (they list as empty directories); what matters is
      // that no data is left in an in-progress prefix.
      if (name.endsWith(".inprogress") && st.isDirectory() && holdsNoFile(fs, st.getPath())) {
        continue;
      }
      top.add(name);
    }
    Collections.sort(top);
    assertEquals(List.of("_run.json", "dedup", "filter", "ingest", "shards", "tokenize"), top,
        "left-over in-progress or temporary folders?");
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(remoteOut + "/shards/_tmp")), "shard scratch left behind");

    PipelineRunner.Result again = PipelineRunner.run(spark, Pipeline.load(remoteYaml), remoteOut, quiet);
    assertEquals(STEPS, again.skipped(), "a rerun with the same config must skip every stage");
  }

  /** True when no file lies under {@code dir} (a prefix S3A lists but cannot stat holds none). */
  private static boolean holdsNoFile(FileSystem fs, org.apache.hadoop.fs.Path dir) throws IOException {
    try {
      return !fs.listFiles(dir, true).hasNext();
    } catch (java.io.FileNotFoundException e) {
      return true;
    }
  }

  /** sha256 of every {@code .bin}/{@code .idx} under {@code out}, by path relative to it (as ClusterSupport). */
  static Map<String, String> shardDigests(FileSystem fs, String out) throws IOException {
    Map<String, String> d = new TreeMap<>();
    org.apache.hadoop.fs.Path root = fs.makeQualified(new org.apache.hadoop.fs.Path(out));
    String prefix = root.toUri().getPath() + "/";
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      org.apache.hadoop.fs.Path p = it.next().getPath();
      String n = p.getName();
      if (n.endsWith(".bin") || n.endsWith(".idx")) {
        try (InputStream in = fs.open(p)) {
          d.put(p.toUri().getPath().substring(prefix.length()), ShardOutput.sha256(in));
        }
      }
    }
    return d;
  }

  static String read(FileSystem fs, String path) throws IOException {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Every row as JSON, sorted: partition layout and file names may differ, the data may not. */
  static List<String> rows(SparkSession spark, String dir) {
    List<String> rows = new ArrayList<>(spark.read().parquet(dir).toJSON().collectAsList());
    Collections.sort(rows);
    return rows;
  }
}

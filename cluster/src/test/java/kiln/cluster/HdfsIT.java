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
import kiln.core.stats.StageStats;
import kiln.jobs.demo.DemoPipeline;
import kiln.jobs.demo.DemoSample;
import kiln.jobs.run.Pipeline;
import kiln.jobs.run.PipelineRunner;
import kiln.jobs.run.Progress;
import kiln.jobs.spark.SparkSessions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages reading from and writing to a real HDFS (an in-process MiniDFSCluster, one datanode): the demo
 * corpus is ingested to {@code file://} (ingest readers take local paths), its documents copied to
 * {@code hdfs://}, and filter, dedup and tokenize run there with {@code hdfs://} input and output. Results must
 * equal the same stages run on {@code file://}, commits must leave no in-progress folders, and a rerun on HDFS
 * must skip every stage.
 */
class HdfsIT {
  private static final String STAGES = """
      stages:
        - filter:
            filters:
              - length: {min_chars: 200}
        - dedup:
            exact: true
        - tokenize:
            tokenizer: "spm:builtin:kiln-demo"
            append_eod: true
      report: false
      """;
  private static final List<String> STEPS = List.of("filter", "dedup", "tokenize");

  @TempDir
  static Path tmp;

  private static MiniDFSCluster dfs;
  private static SparkSession spark;

  @BeforeAll
  static void setUp() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    conf.set("dfs.datanode.hostname", "127.0.0.1");
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    spark = SparkSessions.create("kiln hdfs test", "local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
    if (dfs != null) {
      dfs.shutdown(true);
    }
  }

  @Test
  void stagesOnHdfsMatchLocalFiles() throws Exception {
    Path repo = ClusterSupport.repo();
    DemoSample.Sample sample = DemoSample.write(repo, tmp.resolve("sample"));
    String ingestYaml = DemoPipeline.sampleYaml(sample);
    ingestYaml = ingestYaml.substring(0, ingestYaml.indexOf("stages:")) + STAGES;
    Path localYaml = tmp.resolve("local.yaml");
    Files.writeString(localYaml, ingestYaml);
    Progress quiet = new Progress(System.out);
    String localOut = tmp.resolve("local-out").toUri().toString();
    PipelineRunner.run(spark, Pipeline.load(localYaml), localOut, quiet);

    String root = dfs.getURI().toString();
    FileSystem hdfs = dfs.getFileSystem();
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(localOut + "/ingest/kept"),
        new org.apache.hadoop.fs.Path(root + "/in/docs"));
    Path hdfsYaml = tmp.resolve("hdfs.yaml");
    Files.writeString(hdfsYaml, "name: hdfs\ninput: \"" + root + "/in/docs\"\n" + STAGES);
    String hdfsOut = root + "/kiln/out";
    PipelineRunner.Result r = PipelineRunner.run(spark, Pipeline.load(hdfsYaml), hdfsOut, quiet);
    assertTrue(r.outDir().startsWith("hdfs://"), r.outDir());
    assertTrue(r.skipped().isEmpty(), "first HDFS run skipped " + r.skipped());

    for (String step : STEPS) {
      StageStats local = StageStats.fromJson(Files.readString(tmp.resolve("local-out/" + step + "/_stats.json")));
      StageStats remote = StageStats.fromJson(readHdfs(hdfs, hdfsOut + "/" + step + "/_stats.json"));
      assertEquals(List.of(local.docsIn(), local.docsKept(), local.docsRejected(), local.bytesKept()),
          List.of(remote.docsIn(), remote.docsKept(), remote.docsRejected(), remote.bytesKept()), step);
      assertEquals(local.reasons(), remote.reasons(), step);
      assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(hdfsOut + "/" + step + "/_config_hash")), step);
      for (String part : List.of("kept", "rejected")) {
        assertEquals(rows(localOut + "/" + step + "/" + part), rows(hdfsOut + "/" + step + "/" + part),
            step + "/" + part + " differs between file:// and hdfs://");
      }
    }
    assertTrue(rows(hdfsOut + "/tokenize/kept").size() > 10, "too few documents reached tokenize");
    List<String> top = new ArrayList<>();
    for (FileStatus st : hdfs.listStatus(new org.apache.hadoop.fs.Path(hdfsOut))) {
      top.add(st.getPath().getName());
    }
    Collections.sort(top);
    assertEquals(List.of("_run.json", "dedup", "filter", "tokenize"), top, "left-over in-progress folders?");

    PipelineRunner.Result again = PipelineRunner.run(spark, Pipeline.load(hdfsYaml), hdfsOut, quiet);
    assertEquals(STEPS, again.skipped(), "a rerun on HDFS with the same config must skip every stage");
  }

  private static String readHdfs(FileSystem fs, String path) throws IOException {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Every row as JSON, sorted: partition layout and file names may differ, the data may not. */
  private static List<String> rows(String dir) {
    List<String> rows = new ArrayList<>(spark.read().parquet(dir).toJSON().collectAsList());
    Collections.sort(rows);
    return rows;
  }
}

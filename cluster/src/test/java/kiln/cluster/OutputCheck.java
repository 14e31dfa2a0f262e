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
import kiln.tokenize.spark.ShardOutput;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/**
 * Compares a finished demo-pipeline output on any Hadoop file system ({@code s3a://}, {@code hdfs://},
 * {@code file://}) with the reference run on local files: shard sha256s and {@code manifest.json} equal, every
 * stage's counts, reasons and (optionally) kept/rejected rows equal, every stage committed with its
 * {@code _config_hash}, no in-progress or scratch folders left.
 */
final class OutputCheck {
  private OutputCheck() {}

  static final List<String> STEPS = List.of("ingest", "filter", "dedup", "tokenize", "mix");

  /**
   * Asserts {@code out} on {@code fs} equals the reference output {@code ref}; with a {@code spark} session
   * (whose Hadoop configuration reaches {@code fs}) it also compares every stage's kept and rejected rows.
   */
  static void assertSameAsReference(FileSystem fs, String out, Path ref, SparkSession spark) throws IOException {
    Map<String, String> refShards = ClusterSupport.shardDigests(ref);
    assertTrue(refShards.size() >= 2, "the reference run wrote no shards: " + refShards);
    assertEquals(refShards, shardDigests(fs, out), "shard bytes differ from the reference in " + out);
    assertEquals(Files.readString(ref.resolve("shards/manifest.json")), read(fs, out + "/shards/manifest.json"));

    for (String step : STEPS) {
      String folder = step.equals("mix") ? "shards" : step;
      StageStats local = StageStats.fromJson(Files.readString(ref.resolve(folder + "/_stats.json")));
      StageStats remote = StageStats.fromJson(read(fs, out + "/" + folder + "/_stats.json"));
      assertEquals(List.of(local.docsIn(), local.docsKept(), local.docsRejected(), local.bytesKept()),
          List.of(remote.docsIn(), remote.docsKept(), remote.docsRejected(), remote.bytesKept()), step);
      assertEquals(local.reasons(), remote.reasons(), step);
      // Present, not equal: the ingest config, hence every chained hash, names the input paths.
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(out + "/" + folder + "/_config_hash")), step);
      if (spark != null && !step.equals("mix")) {
        for (String part : List.of("kept", "rejected")) {
          assertEquals(rows(spark, ref.toUri() + "/" + step + "/" + part), rows(spark, out + "/" + step + "/" + part),
              step + "/" + part + " differs from the reference in " + out);
        }
      }
    }
    List<String> top = new ArrayList<>();
    for (FileStatus st : fs.listStatus(new org.apache.hadoop.fs.Path(out))) {
      String name = st.getPath().getName();
      // s3proxy's filesystem blob store keeps emptied folders (they list as empty directories); what matters is
      // that no data is left in an in-progress prefix.
      if (name.endsWith(".inprogress") && st.isDirectory() && holdsNoFile(fs, st.getPath())) {
        continue;
      }
      if (name.endsWith(".crc")) { // LocalFileSystem's checksum siblings
        continue;
      }
      top.add(name);
    }
    Collections.sort(top);
    assertEquals(List.of("_run.json", "dedup", "filter", "ingest", "shards", "tokenize"), top,
        "left-over in-progress or temporary folders in " + out + "?");
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(out + "/shards/_tmp")), "shard scratch left behind");
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

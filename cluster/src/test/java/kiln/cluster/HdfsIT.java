package kiln.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import kiln.jobs.spark.SparkSessions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pipeline with {@code hdfs://} input and {@code hdfs://} output on a real HDFS (an in-process
 * MiniDFSCluster, one datanode) against the same pipeline on {@code file://}: see {@link RemotePipelineRun}.
 */
class HdfsIT {
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
  void demoPipelineFromHdfsToHdfsMatchesLocalFiles() throws Exception {
    RemotePipelineRun.assertSameAsLocal(spark, dfs.getFileSystem(), dfs.getURI().toString(), tmp);
  }
}

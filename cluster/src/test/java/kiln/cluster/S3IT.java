package kiln.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.jobs.spark.SparkSessions;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pipeline from {@code s3a://} input to {@code s3a://} output against a real S3-compatible server:
 * s3proxy 2.6.0 (filesystem blob store) on 127.0.0.1, started in its own JVM, reached through hadoop-aws with
 * path-style access and static test credentials. Same checks as on HDFS ({@link RemotePipelineRun}): shard
 * sha256s equal to the {@code file://} run.
 */
class S3IT {
  private static final String BUCKET = "kiln";
  private static final String ACCESS = "kiln-access";
  private static final String SECRET = "kiln-secret";

  @TempDir
  static Path tmp;

  private static Process server;
  private static SparkSession spark;

  @BeforeAll
  static void setUp() throws Exception {
    Path jar = Path.of(System.getProperty("kiln.s3proxy.jar",
        ClusterSupport.repo().resolve("cluster/target/s3proxy/s3proxy.jar").toString()));
    assumeTrue(Files.isRegularFile(jar), jar + " missing: run through `mvn verify` (the pre-integration-test "
        + "phase copies s3proxy's jar-with-dependencies there)");
    int port = ClusterSupport.freePort();
    String endpoint = "http://127.0.0.1:" + port;
    Path blobs = Files.createDirectories(tmp.resolve("blobs/" + BUCKET)).getParent();
    Path conf = tmp.resolve("s3proxy.conf");
    Files.writeString(conf, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS,
        "s3proxy.credential=" + SECRET,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + blobs, ""));
    Path log = tmp.resolve("s3proxy.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    server = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", conf.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(awaitHttp(endpoint + "/" + BUCKET, 180_000), "s3proxy did not answer:\n" + ClusterSupport.tail(log));

    Map<String, String> sc = new LinkedHashMap<>();
    sc.put("spark.sql.shuffle.partitions", "4");
    sc.put("spark.hadoop.fs.s3a.endpoint", endpoint);
    sc.put("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
    sc.put("spark.hadoop.fs.s3a.path.style.access", "true");
    sc.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
    sc.put("spark.hadoop.fs.s3a.access.key", ACCESS);
    sc.put("spark.hadoop.fs.s3a.secret.key", SECRET);
    sc.put("spark.hadoop.fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    // s3proxy answers 501 to the SDK's bulk DeleteObjects request; S3A then deletes object by object.
    sc.put("spark.hadoop.fs.s3a.multiobjectdelete.enable", "false");
    sc.put("spark.hadoop.fs.s3a.attempts.maximum", "3");
    sc.put("spark.hadoop.fs.s3a.retry.limit", "3");
    spark = SparkSessions.create("kiln s3 test", "local[2]", sc);
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
    if (server != null) {
      ClusterSupport.killTree(server.toHandle());
    }
  }

  @Test
  void demoPipelineFromS3ToS3MatchesLocalFiles() throws Exception {
    String root = "s3a://" + BUCKET;
    FileSystem fs = FileSystem.get(URI.create(root), spark.sparkContext().hadoopConfiguration());
    RemotePipelineRun.assertSameAsLocal(spark, fs, root, tmp);
  }

  /** True once the server answers HTTP at all (any status: the bucket listing needs a signature). */
  private static boolean awaitHttp(String url, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < end) {
      if (!server.isAlive()) {
        return false;
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        int code = c.getResponseCode();
        c.disconnect();
        if (code > 0) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    return false;
  }
}

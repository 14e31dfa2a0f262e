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

/**
 * A real S3-compatible server for the tests: s3proxy 2.6.0 (filesystem blob store) on 127.0.0.1 in its own JVM
 * (its Jetty, logback and AWS SDK v1 stay off the test's classpath), one bucket, static test credentials.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String BUCKET = "kiln";
  private static final String ACCESS = "kiln-access";
  private static final String SECRET = "kiln-secret";

  private final Process process;
  private final String endpoint;

  private S3ProxyServer(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts the server with its blobs and log under {@code dir}; skips the test when the jar is missing. */
  static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("kiln.s3proxy.jar",
        ClusterSupport.repo().resolve("cluster/target/s3proxy/s3proxy.jar").toString()));
    assumeTrue(Files.isRegularFile(jar), jar + " missing: run through `mvn verify` (the pre-integration-test "
        + "phase copies s3proxy's jar-with-dependencies there)");
    int port = ClusterSupport.freePort();
    String endpoint = "http://127.0.0.1:" + port;
    Path blobs = Files.createDirectories(dir.resolve("blobs/" + BUCKET)).getParent();
    Path conf = dir.resolve("s3proxy.conf");
    Files.writeString(conf, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS,
        "s3proxy.credential=" + SECRET,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + blobs, ""));
    Path log = dir.resolve("s3proxy.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", conf.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3ProxyServer s = new S3ProxyServer(p, endpoint);
    if (!s.awaitHttp(180_000)) {
      s.close();
      assertTrue(false, "s3proxy did not answer:\n" + ClusterSupport.tail(log));
    }
    return s;
  }

  /** The Hadoop keys S3A needs for this server (without the {@code spark.hadoop.} prefix). */
  Map<String, String> hadoopConf() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("fs.s3a.endpoint", endpoint);
    c.put("fs.s3a.endpoint.region", "us-east-1");
    c.put("fs.s3a.path.style.access", "true");
    c.put("fs.s3a.connection.ssl.enabled", "false");
    c.put("fs.s3a.access.key", ACCESS);
    c.put("fs.s3a.secret.key", SECRET);
    c.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    // s3proxy answers 501 to the SDK's bulk DeleteObjects request; S3A then deletes object by object.
    c.put("fs.s3a.multiobjectdelete.enable", "false");
    c.put("fs.s3a.attempts.maximum", "3");
    c.put("fs.s3a.retry.limit", "3");
    return c;
  }

  @Override
  public void close() {
    ClusterSupport.killTree(process.toHandle());
  }

  /** True once the server answers HTTP at all (any status: the bucket listing needs a signature). */
  private boolean awaitHttp(long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < end) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/" + BUCKET).toURL().openConnection();
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

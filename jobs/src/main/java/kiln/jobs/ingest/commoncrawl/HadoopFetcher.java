package kiln.jobs.ingest.commoncrawl;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * One read per attempt through Hadoop {@code FileSystem}: {@code s3a://commoncrawl/} (needs hadoop-aws on the
 * class path; the bucket allows anonymous reads), {@code hdfs://}, {@code file://}. A resumed attempt seeks to the
 * byte the previous one stopped at. A missing file is permanent; every other I/O error is retried.
 */
final class HadoopFetcher extends Fetcher {
  private static final long serialVersionUID = 1L;

  /** The driver's {@code fs.*} settings, so executors reach the store with the same credentials and endpoint. */
  private final Map<String, String> conf;

  HadoopFetcher(String base, RetryPolicy retry, Map<String, String> conf) {
    super(base, retry);
    this.conf = conf == null ? Map.of() : new TreeMap<>(conf);
  }

  @Override
  protected void transfer(String rel, Path dest, Progress p) throws IOException {
    Configuration c = new Configuration();
    conf.forEach(c::set);
    org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(location(rel));
    FileSystem fs = src.getFileSystem(c);
    FileStatus st;
    try {
      st = fs.getFileStatus(src);
    } catch (FileNotFoundException e) {
      throw new PermanentException("not found: " + src);
    }
    if (p.total >= 0 && st.getLen() != p.total) {
      // The object changed between attempts: what the spool holds belongs to the old version.
      p.have = 0;
    }
    p.total = st.getLen();
    try (FSDataInputStream in = fs.open(src)) {
      if (p.have > 0) {
        in.seek(p.have);
      }
      copy(in, dest, p.have == 0, null);
    }
  }
}

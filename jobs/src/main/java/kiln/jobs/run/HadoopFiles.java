package kiln.jobs.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Small text files (stats, markers, reports) on any Hadoop file system: file://, hdfs://, s3a://. */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** The file's content, or null when it does not exist. */
  public static String readString(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        return null;
      }
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes (replacing) a file without a .crc side file; returns its qualified path. */
  public static String writeString(Configuration conf, String path, String content) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      fs.setWriteChecksum(false);
      try (OutputStream out = fs.create(p, true)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return fs.makeQualified(p).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

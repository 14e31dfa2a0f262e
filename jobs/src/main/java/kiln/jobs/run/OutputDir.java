package kiln.jobs.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import kiln.core.fs.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A stage's output folder written atomically: everything goes to a hidden sibling
 * ({@code .OUT.inprogress}), which {@link #commit()} renames to {@code OUT}. Paths are Hadoop paths, so
 * {@code file://}, {@code hdfs://} and {@code s3a://} all work; a plain path is local.
 */
public final class OutputDir {
  private final FileSystem fs;
  private final Path finalPath;
  private final Path tmpPath;

  private OutputDir(FileSystem fs, Path finalPath, Path tmpPath) {
    this.fs = fs;
    this.finalPath = finalPath;
    this.tmpPath = tmpPath;
  }

  /** Starts writing {@code dir}, replacing an earlier partial attempt and refusing to clobber nothing else. */
  public static OutputDir begin(SparkSession spark, String dir) {
    return begin(spark.sparkContext().hadoopConfiguration(), dir);
  }

  public static OutputDir begin(Configuration conf, String dir) {
    try {
      Path p = HadoopFiles.path(dir);
      FileSystem fs = HadoopFiles.fs(conf, p);
      fs.setWriteChecksum(false); // no .crc side files in user-facing folders
      p = fs.makeQualified(p);
      Path tmp = new Path(p.getParent(), "." + p.getName() + ".inprogress");
      fs.delete(tmp, true);
      fs.mkdirs(tmp);
      return new OutputDir(fs, p, tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + dir, e);
    }
  }

  /** Where to write {@code child} before the commit. */
  public String tmp(String child) {
    return new Path(tmpPath, child).toString();
  }

  /** The temporary folder itself. */
  public String tmpRoot() {
    return tmpPath.toString();
  }

  public String finalPath() {
    return finalPath.toString();
  }

  public void writeString(String child, String content) {
    try (OutputStream os = fs.create(new Path(tmpPath, child), true)) {
      os.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + child + " in " + tmpPath, e);
    }
  }

  /** Replaces {@code OUT} with the finished temporary folder. */
  public void commit() {
    try {
      if (fs.exists(finalPath)) {
        fs.delete(finalPath, true);
      }
      fs.mkdirs(finalPath.getParent());
      if (!fs.rename(tmpPath, finalPath)) {
        throw new IOException("rename failed: " + tmpPath + " -> " + finalPath);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

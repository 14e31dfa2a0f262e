package kiln.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import kiln.core.fs.HadoopFiles;
import org.apache.hadoop.conf.Configuration;

/**
 * A file a reader reads: a plain local path or a URI on any Hadoop file system ({@code hdfs://},
 * {@code s3a://}, {@code file://}), with the Hadoop configuration that opens it (on executors, the driver's,
 * shipped by {@link kiln.core.fs.HadoopConf}).
 *
 * @param path a plain path or a URI
 * @param conf how to reach the file system; null for local files
 */
public record InputFile(String path, Configuration conf) {

  public static InputFile local(java.nio.file.Path p) {
    return new InputFile(p.toString(), null);
  }

  /** The last path segment. */
  public String fileName() {
    String p = path.replaceAll("/+$", "");
    return p.substring(p.lastIndexOf('/') + 1);
  }

  public boolean isLocal() {
    return HadoopFiles.isLocal(path);
  }

  /** A read-only channel with random access (positional reads), local or remote. */
  public FileChannel channel() throws IOException {
    return HadoopFiles.channel(configuration(), path);
  }

  /** The file's raw bytes (not decompressed). */
  public InputStream open() throws IOException {
    return HadoopFiles.open(configuration(), path);
  }

  public Configuration configuration() {
    return conf != null ? conf : new Configuration();
  }

  @Override
  public String toString() {
    return path;
  }
}

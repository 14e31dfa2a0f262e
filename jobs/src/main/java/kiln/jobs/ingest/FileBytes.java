package kiln.jobs.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Reads a whole (optionally .gz) file up to a byte limit. */
public final class FileBytes {
  private FileBytes() {}

  public static InputStream open(Path p) throws IOException {
    return open(InputFile.local(p));
  }

  /** The file's bytes, decompressed when its name ends in {@code .gz}; any Hadoop file system. */
  public static InputStream open(InputFile f) throws IOException {
    InputStream in = new BufferedInputStream(f.open(), 1 << 16);
    if (f.fileName().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }

  public static LimitedInput.Bytes read(Path p, long limit) throws IOException {
    return read(InputFile.local(p), limit);
  }

  public static LimitedInput.Bytes read(InputFile f, long limit) throws IOException {
    try (InputStream in = open(f)) {
      return LimitedInput.read(in, limit);
    }
  }
}

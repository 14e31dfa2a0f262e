package kiln.jobs.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Reads a whole (optionally .gz) file up to a byte limit. */
public final class FileBytes {
  private FileBytes() {}

  public static InputStream open(Path p) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
    if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }

  public static LimitedInput.Bytes read(Path p, long limit) throws IOException {
    try (InputStream in = open(p)) {
      return LimitedInput.read(in, limit);
    }
  }
}

package kiln.jobs.ingest.code;

import java.io.Serializable;

/**
 * Limits of code ingest.
 *
 * @param maxFileBytes source files larger than this (bytes, decompressed) are rejected {@code ingest:too_large}
 * @param maxArchiveBytes total decompressed bytes read from one archive; past it the rest of the archive is
 *     rejected {@code ingest:zip_bomb}
 * @param maxEntries entries read from one archive; past it the rest is rejected {@code ingest:too_many_entries}
 * @param maxRatio an entry that decompresses to more than this many times its compressed size, and to more than
 *     {@link #BOMB_MIN_BYTES}, is a {@code ingest:zip_bomb} (only where the compressed size is known: zip)
 */
public record CodeOptions(long maxFileBytes, long maxArchiveBytes, long maxEntries, double maxRatio)
    implements Serializable {
  public static final long DEFAULT_MAX_FILE_BYTES = 1L << 20;
  public static final long DEFAULT_MAX_ARCHIVE_BYTES = 4L << 30;
  public static final long DEFAULT_MAX_ENTRIES = 500_000;
  public static final double DEFAULT_MAX_RATIO = 200;
  /** Highly compressible small files (a 100 KB run of spaces) are not bombs. */
  public static final long BOMB_MIN_BYTES = 1L << 20;

  public CodeOptions {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be > 0, got " + maxFileBytes);
    }
    if (maxArchiveBytes <= 0) {
      throw new IllegalArgumentException("maxArchiveBytes must be > 0, got " + maxArchiveBytes);
    }
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be > 0, got " + maxEntries);
    }
    if (!(maxRatio > 1)) {
      throw new IllegalArgumentException("maxRatio must be > 1, got " + maxRatio);
    }
  }

  public static CodeOptions defaults() {
    return new CodeOptions(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_RATIO);
  }
}

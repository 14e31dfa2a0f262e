package kiln.jobs.ingest.commoncrawl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Copies one listed file to a local spool file, retrying with {@link RetryPolicy} and resuming a broken transfer
 * from the byte it stopped at. A copy is only returned once its length is the one the server announced, so a
 * reader never sees half a file: records are counted once, from a complete copy.
 *
 * <p>Subclasses do one attempt ({@link #transfer}); the loop, the length check and the backoff live here.
 */
public abstract class Fetcher implements Serializable {
  private static final long serialVersionUID = 1L;

  protected final String base;
  protected final RetryPolicy retry;

  protected Fetcher(String base, RetryPolicy retry) {
    this.base = base.endsWith("/") ? base : base + "/";
    this.retry = retry;
  }

  /** HTTP(S) bases use {@link HttpFetcher}; any other scheme ({@code s3a://}, {@code file://}, {@code hdfs://})
   * goes through Hadoop {@code FileSystem}. */
  public static Fetcher forBase(String base, RetryPolicy retry, long readTimeoutMs,
                                java.util.Map<String, String> hadoopConf) {
    String l = base.toLowerCase(Locale.ROOT);
    if (l.startsWith("http://") || l.startsWith("https://")) {
      return new HttpFetcher(base, retry, readTimeoutMs);
    }
    return new HadoopFetcher(base, retry, hadoopConf);
  }

  /** Where {@code rel} (a listing line) is fetched from. */
  public String location(String rel) {
    return base + rel;
  }

  /** What one fetch took: attempts made, byte-range resumes, bytes in the copy. */
  public record Result(long bytes, int attempts, int resumes) implements Serializable {}

  /** A file that still failed after the last attempt (or failed in a way no retry can fix). */
  public static final class FetchFailedException extends IOException {
    private final int attempts;

    public FetchFailedException(String message, int attempts, Throwable cause) {
      super(message, cause);
      this.attempts = attempts;
    }

    public int attempts() {
      return attempts;
    }
  }

  /** A failure worth retrying (connection reset, timeout, truncation, 5xx, 429). */
  protected static class TransientException extends IOException {
    final long retryAfterMs;

    TransientException(String message, long retryAfterMs, Throwable cause) {
      super(message, cause);
      this.retryAfterMs = retryAfterMs;
    }
  }

  /** A failure no retry fixes (404, 403, a malformed listing entry). */
  protected static class PermanentException extends IOException {
    PermanentException(String message) {
      super(message);
    }
  }

  /**
   * Resume state of one file across attempts.
   * {@code total}: announced length, -1 unknown; {@code validator}: ETag or Last-Modified of the first response,
   * so a resumed range comes from the same version of the object.
   */
  protected static final class Progress {
    long have;
    long total = -1;
    String validator;
    boolean restart;
  }

  /**
   * One attempt: appends to {@code dest} from byte {@code p.have} (or rewrites it from 0 when the source cannot
   * resume, setting {@code p.restart}), updates {@code p.total} and {@code p.validator}. Throws
   * {@link TransientException} or {@link PermanentException}; any other IOException counts as transient.
   */
  protected abstract void transfer(String rel, Path dest, Progress p) throws IOException;

  public final Result fetch(String rel, Path dest) throws FetchFailedException {
    Progress p = new Progress();
    int resumes = 0;
    IOException last = null;
    try {
      Files.newOutputStream(dest, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING).close();
    } catch (IOException e) {
      throw new FetchFailedException("cannot create spool file " + dest + ": " + e, 0, e);
    }
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      long retryAfter = -1;
      try {
        if (p.have > 0) {
          resumes++;
        }
        transfer(rel, dest, p);
        p.have = Files.size(dest);
        if (p.total >= 0 && p.have != p.total) {
          throw new TransientException("truncated: " + p.have + " of " + p.total + " bytes", -1, null);
        }
        return new Result(p.have, attempt, resumes);
      } catch (PermanentException e) {
        throw new FetchFailedException(e.getMessage(), attempt, e);
      } catch (IOException e) {
        last = e;
        retryAfter = e instanceof TransientException t ? t.retryAfterMs : -1;
      }
      try {
        p.have = Files.size(dest);
        if (p.total >= 0 && p.have > p.total) {
          // More bytes than announced: the spool cannot be trusted, start over.
          Files.newOutputStream(dest, StandardOpenOption.TRUNCATE_EXISTING).close();
          p.have = 0;
        }
      } catch (IOException e) {
        throw new FetchFailedException("spool file " + dest + " unreadable: " + e, attempt, e);
      }
      if (attempt < retry.attempts()) {
        sleep(retry.delayMs(attempt, retryAfter));
      }
    }
    throw new FetchFailedException("failed after " + retry.attempts() + " attempts: " + describe(last),
        retry.attempts(), last);
  }

  static String describe(Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static void sleep(long ms) throws FetchFailedException {
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailedException("interrupted while backing off", 0, e);
    }
  }

  /** Copies {@code in} to the end of {@code dest} (or over it when {@code truncate}); returns bytes copied. */
  protected static long copy(InputStream in, Path dest, boolean truncate, Runnable onProgress) throws IOException {
    long n = 0;
    try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.WRITE,
        truncate ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) >= 0) {
        out.write(buf, 0, r);
        n += r;
        if (onProgress != null) {
          onProgress.run();
        }
      }
    }
    return n;
  }
}

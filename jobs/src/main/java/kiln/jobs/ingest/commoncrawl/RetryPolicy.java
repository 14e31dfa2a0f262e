package kiln.jobs.ingest.commoncrawl;

import java.io.Serializable;

/**
 * Bounded retries with exponential backoff: attempt {@code k} (1-based) that fails waits
 * {@code min(maxBackoffMs, backoffMs * 2^(k-1))} before attempt {@code k+1}, or the server's {@code Retry-After}
 * when that is longer (still capped). No jitter: the output never depends on timing, and one task fetches one file
 * at a time, so there is no herd of synchronised clients inside a task to spread out.
 *
 * @param attempts total tries per file (1 = no retry)
 * @param backoffMs wait after the first failed attempt
 * @param maxBackoffMs cap on any single wait
 */
public record RetryPolicy(int attempts, long backoffMs, long maxBackoffMs) implements Serializable {
  public static final int DEFAULT_ATTEMPTS = 6;
  public static final long DEFAULT_BACKOFF_MS = 2_000;
  public static final long DEFAULT_MAX_BACKOFF_MS = 120_000;

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
    }
    if (backoffMs < 0 || maxBackoffMs < backoffMs) {
      throw new IllegalArgumentException("need 0 <= backoffMs <= maxBackoffMs, got " + backoffMs + ", "
          + maxBackoffMs);
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, DEFAULT_MAX_BACKOFF_MS);
  }

  /** Wait before attempt {@code failed + 1}; {@code retryAfterMs} is the server's hint, or -1. */
  public long delayMs(int failed, long retryAfterMs) {
    long exp = backoffMs << Math.min(30, Math.max(0, failed - 1));
    if (exp < 0) {
      exp = Long.MAX_VALUE;
    }
    return Math.min(maxBackoffMs, Math.max(exp, retryAfterMs));
  }
}

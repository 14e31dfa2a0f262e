package kiln.jobs.ingest.commoncrawl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP(S) GET per attempt with {@link java.net.http.HttpClient}. A resumed attempt asks for
 * {@code Range: bytes=N-} with {@code If-Range} set to the first response's ETag (or Last-Modified), so the rest
 * comes from the same version of the file; a server that answers 200 instead of 206 sends the whole file again and
 * the spool is rewritten from byte 0.
 *
 * <p>Retried: connection errors, timeouts, a body that stops early, 408, 429, 5xx (honouring {@code Retry-After}).
 * Not retried: other 4xx. {@code HttpClient} has no read timeout for a body, so a watchdog closes a body that
 * delivered nothing for {@code readTimeoutMs}, which turns a stalled transfer into a retryable error.
 */
final class HttpFetcher extends Fetcher {
  private static final long serialVersionUID = 1L;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kiln-cc-watchdog");
    t.setDaemon(true);
    return t;
  });
  private static volatile HttpClient client;

  private final long readTimeoutMs;

  HttpFetcher(String base, RetryPolicy retry, long readTimeoutMs) {
    super(base, retry);
    this.readTimeoutMs = readTimeoutMs;
  }

  private static HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (HttpFetcher.class) {
        if (client == null) {
          client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();
        }
        c = client;
      }
    }
    return c;
  }

  @Override
  protected void transfer(String rel, Path dest, Progress p) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(location(rel)))
        .timeout(Duration.ofMillis(readTimeoutMs)).header("User-Agent", "kiln-ingest").GET();
    if (p.have > 0) {
      b.header("Range", "bytes=" + p.have + "-");
      if (p.validator != null) {
        b.header("If-Range", p.validator);
      }
    }
    HttpResponse<InputStream> r;
    try {
      r = client().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new TransientException("timeout waiting for response headers", -1, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PermanentException("interrupted");
    }
    int status = r.statusCode();
    try (InputStream body = r.body()) {
      boolean truncate;
      if (status == 200) {
        truncate = true;
        p.have = 0;
        p.total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        p.validator = validator(r);
      } else if (status == 206) {
        String cr = r.headers().firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(cr);
        if (!m.matches() || Long.parseLong(m.group(1)) != p.have) {
          throw new TransientException("range answer '" + cr + "' does not start at byte " + p.have, -1, null);
        }
        truncate = false;
        if (!m.group(3).equals("*")) {
          p.total = Long.parseLong(m.group(3));
        }
      } else if (status == 416 && p.have > 0) {
        // Asked past the end: the spool may already hold the whole file (the connection broke after the last byte).
        String cr = r.headers().firstValue("Content-Range").orElse("");
        Matcher m = Pattern.compile("bytes \\*/(\\d+)").matcher(cr);
        if (m.matches() && Long.parseLong(m.group(1)) == p.have) {
          p.total = p.have;
          return;
        }
        String asked = "bytes=" + p.have + "-";
        p.have = 0;
        p.total = -1;
        copy(InputStream.nullInputStream(), dest, true, null);
        throw new TransientException("HTTP 416 for " + asked + "; starting over", -1, null);
      } else if (status == 408 || status == 429 || status >= 500) {
        throw new TransientException("HTTP " + status, retryAfterMs(r), null);
      } else {
        throw new PermanentException("HTTP " + status + " for " + location(rel));
      }
      copyWatched(body, dest, truncate);
    }
  }

  /** Copies with a watchdog that closes the body if no byte arrives for {@code readTimeoutMs}. */
  private void copyWatched(InputStream body, Path dest, boolean truncate) throws IOException {
    AtomicLong lastByte = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    long period = Math.max(10, readTimeoutMs / 4);
    ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(() -> {
      if (System.nanoTime() - lastByte.get() > readTimeoutMs * 1_000_000L && stalled.compareAndSet(false, true)) {
        try {
          body.close();
        } catch (IOException ignored) {
          // Closing is how the reader gets unblocked; a failure to close leaves it to the connection timeout.
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
    try {
      copy(body, dest, truncate, () -> lastByte.set(System.nanoTime()));
    } catch (IOException e) {
      throw new TransientException(stalled.get() ? "no data for " + readTimeoutMs + " ms" : describe(e), -1, e);
    } finally {
      watch.cancel(false);
    }
    if (stalled.get()) {
      throw new TransientException("no data for " + readTimeoutMs + " ms", -1, null);
    }
  }

  private static String validator(HttpResponse<?> r) {
    Optional<String> etag = r.headers().firstValue("ETag");
    if (etag.isPresent() && !etag.get().startsWith("W/")) {
      return etag.get();
    }
    return r.headers().firstValue("Last-Modified").orElse(null);
  }

  /** {@code Retry-After} in seconds (the HTTP-date form is rare for 503 and is ignored). */
  private static long retryAfterMs(HttpResponse<?> r) {
    Optional<String> v = r.headers().firstValue("Retry-After");
    if (v.isPresent() && v.get().trim().matches("\\d{1,6}")) {
      return Long.parseLong(v.get().trim()) * 1000;
    }
    return -1;
  }
}

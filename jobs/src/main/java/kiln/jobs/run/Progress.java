package kiln.jobs.run;

import java.io.PrintStream;
import java.util.Locale;
import kiln.core.stats.StageStats;

/** The one line per stage that Kiln prints while it runs. */
public final class Progress {
  private final PrintStream out;

  public Progress(PrintStream out) {
    this.out = out;
  }

  public void start(String stage, String what) {
    out.printf(Locale.ROOT, "[kiln] %-9s %s%n", stage, what);
    out.flush();
  }

  public void done(StageStats s) {
    out.printf(Locale.ROOT, "[kiln] %-9s %,d in -> %,d kept, %,d rejected  (%s in, %s kept, %.1f s)%n",
        s.stage(), s.docsIn(), s.docsKept(), s.docsRejected(), mb(s.bytesIn()), mb(s.bytesKept()), s.wallSeconds());
    out.flush();
  }

  public void info(String line) {
    out.println("[kiln] " + line);
    out.flush();
  }

  public static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
  }
}

package kiln.jobs.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Prints a progress line with an ETA for long-running Spark stages, at most one line per
 * {@link #INTERVAL_MS}, labelled with the Kiln stage that is running (Spark's job group). Short stages
 * print nothing, so small runs keep their one line per Kiln stage.
 */
public final class ConsoleProgress extends SparkListener {
  /** Minimum time between two lines, and how long a Spark stage runs before it is reported. */
  public static final long INTERVAL_MS = 10_000;

  private record Running(String label, int tasks, long startMs, AtomicInteger done) {}

  private final PrintStream out;
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  private volatile long lastPrint;

  public ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    String label = e.properties() == null ? null : e.properties().getProperty("spark.jobGroup.id");
    running.put(e.stageInfo().stageId(), new Running(label == null ? "spark" : label, e.stageInfo().numTasks(),
        System.currentTimeMillis(), new AtomicInteger()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    Running r = running.get(e.stageId());
    if (r == null) {
      return;
    }
    int done = r.done().incrementAndGet();
    long now = System.currentTimeMillis();
    if (now - r.startMs() < INTERVAL_MS || now - lastPrint < INTERVAL_MS || done >= r.tasks()) {
      return;
    }
    lastPrint = now;
    double perTask = (now - r.startMs()) / (double) done;
    long etaS = Math.round(perTask * (r.tasks() - done) / 1000.0);
    out.printf(Locale.ROOT, "[kiln] %-9s   tasks %d/%d (%.0f%%), ETA %d s%n", r.label(), done, r.tasks(),
        100.0 * done / r.tasks(), etaS);
    out.flush();
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted e) {
    running.remove(e.stageInfo().stageId());
  }
}

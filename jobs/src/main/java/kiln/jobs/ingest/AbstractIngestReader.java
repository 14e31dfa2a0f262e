package kiln.jobs.ingest;

import java.util.NoSuchElementException;

/** Look-ahead plumbing for {@link IngestReader}s: subclasses implement {@link #computeNext()}. */
public abstract class AbstractIngestReader implements IngestReader {
  private IngestRecord pending;
  private boolean done;

  /** The next record, or null at the end of the input. Must not throw on bad input. */
  protected abstract IngestRecord computeNext();

  @Override
  public final boolean hasNext() {
    if (pending == null && !done) {
      pending = computeNext();
      if (pending == null) {
        done = true;
        close();
      }
    }
    return pending != null;
  }

  @Override
  public final IngestRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    IngestRecord r = pending;
    pending = null;
    return r;
  }
}

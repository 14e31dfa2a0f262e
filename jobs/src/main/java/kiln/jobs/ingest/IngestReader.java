package kiln.jobs.ingest;

import java.io.Closeable;
import java.util.Iterator;

/**
 * A pull reader over one input (a file, an archive, a byte range of a WARC): {@link #next()} yields one
 * {@link IngestRecord} per input item. Readers never throw on bad input: whatever cannot be read comes out as a
 * rejected record with its reason, file and offset. Single use; close it when done.
 */
public interface IngestReader extends Iterator<IngestRecord>, Closeable, Iterable<IngestRecord> {

  /** The reader itself: lets a reader sit in a for-each loop (once). */
  @Override
  default Iterator<IngestRecord> iterator() {
    return this;
  }

  @Override
  void close();
}

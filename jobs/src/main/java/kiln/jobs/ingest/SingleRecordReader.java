package kiln.jobs.ingest;

import java.util.function.Supplier;

/** A reader for inputs that hold exactly one item (a book, an HTML file, a text file). */
public final class SingleRecordReader extends AbstractIngestReader {
  private Supplier<IngestRecord> supplier;

  public SingleRecordReader(Supplier<IngestRecord> supplier) {
    this.supplier = supplier;
  }

  @Override
  protected IngestRecord computeNext() {
    if (supplier == null) {
      return null;
    }
    IngestRecord r = supplier.get();
    supplier = null;
    return r;
  }

  @Override
  public void close() {
    supplier = null;
  }
}

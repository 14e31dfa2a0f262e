package kiln.core.spark;

import java.io.Serializable;
import java.util.Iterator;
import kiln.core.Document;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * A stage that maps a pure-Java kernel over each partition, one document at a time. Subclasses supply
 * {@link #newKernel()} (created once per partition, so kernels may hold non-serializable state such as a
 * native tokenizer) and the kernel returns the transformed document and a reason.
 */
public abstract class DocumentStage implements Stage, Serializable {

  /** Result of one document: the (possibly rewritten) document and null, or the document and a reason. */
  public record Outcome(Document doc, String reason) {
    public static Outcome keep(Document d) {
      return new Outcome(d, null);
    }

    public static Outcome reject(Document d, String reason) {
      return new Outcome(d, reason);
    }
  }

  /** A per-partition kernel. */
  public interface Kernel extends AutoCloseable {
    Outcome process(Document doc);

    @Override
    default void close() {}
  }

  protected abstract Kernel newKernel();

  @Override
  public Dataset<Row> apply(Dataset<Row> docs) {
    outputSchema(docs.schema());
    return docs.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
      Kernel k = newKernel();
      // Streams the partition; the kernel is closed when the task ends, also on failure.
      TaskContext tc = TaskContext.get();
      if (tc != null) {
        tc.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> k.close());
      }
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Outcome o = k.process(DocumentSchema.toDocument(rows.next()));
          return DocumentSchema.toAnnotatedRow(o.doc(), o.reason());
        }
      };
    }, Encoders.row(DocumentSchema.ANNOTATED));
  }
}

package kiln.core.spark;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A document-to-document stage. {@link #apply} returns every input row, each with a {@code reason} column:
 * null for kept rows, {@code <filter>:<rule>} for rejected ones. The runner splits that into
 * {@code kept/} and {@code rejected/} and counts, so stages never count and never drop rows themselves.
 */
public interface Stage {

  /** Stable name, used in reasons, stats and output folders. */
  String name();

  /** Input rows (document schema) to output rows (document schema + {@code reason}). */
  Dataset<Row> apply(Dataset<Row> docs);

  /**
   * The schema {@link #apply} produces for {@code input}; throws before any job runs if the input lacks
   * a column this stage needs.
   */
  default StructType outputSchema(StructType input) {
    DocumentSchema.require(input, name());
    return DocumentSchema.ANNOTATED;
  }

  /**
   * Stage-specific values for {@code _stats.json}'s {@code extra}, asked on the driver after {@link #apply} and
   * valid once its rows have been computed (e.g. the filter stage's dataset-level cut-offs, and the score
   * cut-offs the report charts). Empty by default.
   */
  default Map<String, Object> statsExtra() {
    return Map.of();
  }
}

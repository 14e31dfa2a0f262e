package kiln.jobs.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Writes any Parquet dataset as JSON lines, one object per row with every column. */
public final class JsonlExporter {
  private JsonlExporter() {}

  /** @return rows written */
  public static long export(SparkSession spark, String dataset, OutputStream out, long limit) {
    Dataset<Row> df = spark.read().parquet(dataset);
    if (limit >= 0) {
      df = df.limit((int) Math.min(Integer.MAX_VALUE, limit));
    }
    long n = 0;
    try {
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      // toLocalIterator streams one partition at a time, so a large dataset never sits in the driver.
      // Every column in every line, nulls included (toJSON() would omit null fields).
      Iterator<String> it = df.select(to_json(struct(col("*")), Map.of("ignoreNullFields", "false")))
          .as(Encoders.STRING()).toLocalIterator();
      while (it.hasNext()) {
        w.write(it.next());
        w.write('\n');
        n++;
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }
}

package kiln.jobs.ingest.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import kiln.core.Columns;
import kiln.core.Document;
import kiln.core.spark.DocumentSchema;
import kiln.jobs.ingest.IngestReasons;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Parquet input: {@code text_field} becomes the text, {@code id_field} (when the column exists) goes to
 * {@code meta.orig_id}. Ids are {@code idFor(source, <file name>@<row index>)} from Spark's {@code _metadata}
 * columns, so they do not depend on the partitioning. Rows whose text is null or blank are rejected
 * {@code ingest:empty}.
 */
final class ParquetInput {
  private ParquetInput() {}

  static Dataset<Row> read(SparkSession spark, List<String> paths, String source, String idField, String textField,
                           Document.Kind kind) {
    Dataset<Row> in = spark.read().parquet(paths.toArray(new String[0]));
    List<String> cols = List.of(in.columns());
    if (!cols.contains(textField)) {
      throw new IllegalArgumentException("parquet input has no text_field column '" + textField + "'; columns: "
          + cols);
    }
    spark.udf().register("kiln_ingest_id", (String s, String loc) -> Document.idFor(s, loc), DataTypes.StringType);
    Column file = col("_metadata.file_name");
    Column locator = functions.concat(file, lit("@"), col("_metadata.row_index").cast("string"));
    Column text = col(textField).cast("string");
    List<Column> metaKv = new ArrayList<>(List.of(lit("file"), file, lit("offset"),
        col("_metadata.row_index").cast("string")));
    if (cols.contains(idField)) {
      metaKv.add(lit("orig_id"));
      metaKv.add(functions.coalesce(col(idField).cast("string"), lit("")));
    }
    Column blank = text.isNull().or(functions.trim(text).equalTo(""));
    Dataset<Row> out = in.select(
        callUDF("kiln_ingest_id", lit(source), locator).as(Columns.ID),
        lit(source).as(Columns.SOURCE),
        lit(kind.value()).as(Columns.KIND),
        (cols.contains("url") ? col("url").cast("string") : lit(null).cast("string")).as(Columns.URL),
        functions.when(blank, lit("")).otherwise(text).as(Columns.TEXT),
        lit(null).cast("string").as(Columns.LANG),
        functions.map(metaKv.toArray(new Column[0])).as(Columns.META),
        functions.when(blank, lit(IngestReasons.EMPTY)).otherwise(lit(null).cast("string")).as(Columns.REASON));
    return spark.createDataFrame(out.rdd(), DocumentSchema.ANNOTATED);
  }
}

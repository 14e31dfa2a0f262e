package kiln.dedup.spark;

import java.util.List;
import kiln.core.Document;
import kiln.core.spark.DocumentSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** One small local Spark session per test class. */
final class SparkTestSession {
  private SparkTestSession() {}

  static SparkSession start(String name) {
    return SparkSession.builder().master("local[2]").appName(name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
  }

  static Dataset<Row> frame(SparkSession spark, List<Document> docs, int partitions) {
    return spark.createDataFrame(docs.stream().map(DocumentSchema::toRow).toList(), DocumentSchema.DOCUMENT)
        .repartition(partitions);
  }

  static Document doc(String id, String text) {
    return new Document(id, "test", Document.Kind.TEXT, null, text, null, null);
  }
}

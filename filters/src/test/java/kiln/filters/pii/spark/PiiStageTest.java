package kiln.filters.pii.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class PiiStageTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("PiiStageTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void returnsEveryRowWithReasonRedactedTextAndCounts() {
    List<Row> rows = List.of(
        DocumentSchema.toRow(new Document("a", "web", Document.Kind.WEB, null, "no pii here", "en", null)),
        DocumentSchema.toRow(new Document("b", "web", Document.Kind.WEB, null, "mail x@uni.edu", "en", null)),
        DocumentSchema.toRow(new Document("c", "web", Document.Kind.WEB, null,
            "x@uni.edu y@uni.edu 8.8.8.8", "en", null)));
    Dataset<Row> in = spark.createDataFrame(rows, DocumentSchema.DOCUMENT).repartition(2);
    PiiStage stage = PiiStage.fromConfig(ConfigNode.parse("max_spans: 2", "kiln.yaml"));
    List<Row> out = stage.apply(in).orderBy("id").collectAsList();
    assertEquals(3, out.size());
    assertNull(out.get(0).getAs("reason"));
    assertEquals("no pii here", out.get(0).getAs("text"));
    assertEquals("mail <EMAIL>", out.get(1).getAs("text"));
    assertNull(out.get(1).getAs("reason"));
    Map<String, String> meta = CollectionConverters.asJava(out.get(1).<String, String>getMap(out.get(1).fieldIndex("meta")));
    assertEquals(Map.of("pii.email", "1"), meta);
    assertEquals("pii:max_spans", out.get(2).getAs("reason"));
    assertEquals("<EMAIL> <EMAIL> <IP>", out.get(2).getAs("text"));
    assertEquals("pii", stage.name());
  }
}

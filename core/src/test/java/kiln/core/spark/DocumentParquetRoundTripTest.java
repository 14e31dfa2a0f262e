package kiln.core.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import kiln.core.Document;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentParquetRoundTripTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("roundtrip")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void documentsSurviveParquet(@TempDir Path dir) {
    List<Document> docs = new ArrayList<>();
    docs.add(new Document(Document.idFor("web", "a@0"), "web", Document.Kind.WEB, "https://x.example/",
        "Hello\nworld — ünïcode 🙂", "en", Map.of("title", "T", "http_status", "200")));
    docs.add(new Document(Document.idFor("code", "src/A.java"), "code", Document.Kind.CODE, "src/A.java",
        "class A {}", null, null));
    docs.add(new Document(Document.idFor("books", "b"), "books", Document.Kind.BOOK, null, "", "fr", Map.of()));
    List<Row> rows = docs.stream().map(DocumentSchema::toRow).toList();
    Dataset<Row> df = spark.createDataFrame(rows, DocumentSchema.DOCUMENT);
    String path = dir.resolve("docs").toString();
    df.write().parquet(path);

    Dataset<Row> back = spark.read().parquet(path);
    assertEquals(DocumentSchema.DOCUMENT.fieldNames().length, back.schema().fieldNames().length);
    List<Document> read = new ArrayList<>(back.collectAsList().stream().map(DocumentSchema::toDocument).toList());
    read.sort(Comparator.comparing(Document::id));
    List<Document> expected = new ArrayList<>(docs);
    expected.sort(Comparator.comparing(Document::id));
    assertEquals(expected, read);
  }
}

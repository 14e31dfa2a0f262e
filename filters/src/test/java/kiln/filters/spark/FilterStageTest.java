package kiln.filters.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FilterStageTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("FilterStageTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> docs() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // doc i has i+1 copies of "ab " -> 3*(i+1) chars
      Document d = new Document("d" + i, "test", Document.Kind.WEB, null, "ab ".repeat(i + 1), null, Map.of());
      rows.add(DocumentSchema.toRow(d));
    }
    return spark.createDataFrame(rows, DocumentSchema.DOCUMENT).repartition(3);
  }

  @Test
  void rejectsWithReasonsAndKeepsEveryRow() {
    FilterStage st = FilterStage.fromConfig(ConfigNode.parse(
        "filters:\n  - length: {min_chars: 15, max_chars: 45}\n", "t.yaml"));
    List<Row> out = st.apply(docs()).orderBy("id").collectAsList();
    assertEquals(20, out.size());
    int minChars = 0;
    int maxChars = 0;
    int kept = 0;
    for (Row r : out) {
      String reason = r.getString(r.fieldIndex("reason"));
      if (reason == null) {
        kept++;
      } else if (reason.equals("length:min_chars")) {
        minChars++;
      } else if (reason.equals("length:max_chars")) {
        maxChars++;
      }
    }
    // chars = 3*(i+1): < 15 for i = 0..3 (4 docs); > 45 for i = 15..19 (5 docs); kept 20-4-5 = 11
    assertEquals(4, minChars);
    assertEquals(5, maxChars);
    assertEquals(11, kept);
  }

  @Test
  void signalsModeDropsNothing() {
    FilterStage st = FilterStage.fromConfig(ConfigNode.parse(
        "filters:\n  - length: {min_chars: 15}\nsignals: true\n", "t.yaml"));
    List<Row> out = st.apply(docs()).collectAsList();
    for (Row r : out) {
      assertNull(r.getString(r.fieldIndex("reason")));
      Map<String, String> meta = scala.jdk.javaapi.CollectionConverters.asJava(r.<String, String>getMap(r.fieldIndex("meta")));
      String id = r.getString(0);
      int i = Integer.parseInt(id.substring(1));
      assertEquals(Integer.toString(3 * (i + 1)), meta.get("signal.length.chars"));
      assertEquals(i < 4 ? "min_chars" : null, meta.get("signal.length.rule"));
    }
  }

  @Test
  void badConfigFailsNamingKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> FilterStage.fromConfig(ConfigNode.parse(
        "filters:\n  - lenght: {min_chars: 15}\n", "t.yaml")));
    assertTrue(e.getMessage().contains("lenght"), e.getMessage());
    ConfigException e2 = assertThrows(ConfigException.class, () -> FilterStage.fromConfig(ConfigNode.parse(
        "filters:\n  - length: {min_char: 15}\n", "t.yaml")));
    assertTrue(e2.getMessage().contains("filters[0].length.min_char"), e2.getMessage());
    ConfigException e3 = assertThrows(ConfigException.class, () -> FilterStage.fromConfig(ConfigNode.parse(
        "filter: []\n", "t.yaml")));
    assertTrue(e3.getMessage().contains("filter"), e3.getMessage());
  }
}

package kiln.jobs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.core.Document;
import kiln.core.spark.DocumentSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The profile runs over data nobody checked: no value in a row may abort it (ANSI mode is Spark's default). */
class StageProfileTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("profile-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "3")
        .config("spark.sql.ansi.enabled", "true").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Row row(String id, String url, Map<String, String> meta, String reason) {
    return DocumentSchema.toAnnotatedRow(new Document(id, "web", Document.Kind.of("web"), url,
        "some words of text " + id, "en", meta), reason);
  }

  @Test
  void hostileValuesAreCountedNotFatal() {
    List<Row> rows = new ArrayList<>();
    rows.add(row("a", "http://example.com/ok", Map.of("signal.f.x", "1.0", "cluster_size", "4", "pii.email", "2"), null));
    rows.add(row("b", "file:///example with spaces.png", Map.of("signal.f.x", "3.0"), "f:x"));
    rows.add(row("c", "http://example.com/a b", Map.of("signal.f.x", "NaN", "cluster_size", "many",
        "pii.email", "two"), null));
    rows.add(row("d", "%%%", Map.of("signal.f.x", "Infinity", "signal.g'\\y", "oops", "cluster_size", "-1"), null));
    rows.add(row("e", null, Map.of("signal.f.x", "-1e308", "signal.h.z", "1e308"), null));
    rows.add(row("f", "https://x.org", Map.of("signal.f.x", "1e308", "signal.h.z", "-1e308"), null));
    ObjectNode p = StageProfile.compute(spark.createDataFrame(rows, DocumentSchema.ANNOTATED));

    JsonNode m = p.path("metrics");
    assertEquals(2, count(m.path("domain"), "example.com"));
    assertEquals(2, count(m.path("domain"), StageProfile.INVALID));
    assertEquals(1, count(m.path("domain"), "x.org"));
    assertEquals(2, count(m.path("tld"), "com"));
    assertEquals(2, count(m.path("tld"), StageProfile.INVALID));
    assertEquals(2, count(m.path("cluster_size"), StageProfile.INVALID)); // "many" and "-1"
    assertEquals(2, m.path("pii").path("email").asLong());
    assertEquals(1, m.path("pii").path(StageProfile.INVALID).asLong());

    JsonNode fx = p.path("signals").path("f.x");
    assertEquals(-1e308, fx.path("min").asDouble());
    assertEquals(1e308, fx.path("max").asDouble());
    assertEquals(2, fx.path("invalid").asLong());
    long bucketed = 0;
    for (JsonNode b : fx.path("buckets")) {
      bucketed += b.get(0).asLong() + b.get(1).asLong();
    }
    assertEquals(4, bucketed);
    assertEquals(1, p.path("signals").path("g'\\y").path("invalid").asLong());
    assertTrue(p.path("signals").path("h.z").path("buckets").size() > 0);
  }

  private static long count(JsonNode bars, String label) {
    for (JsonNode b : bars) {
      if (b.path("label").asText().equals(label)) {
        return b.path("kept").asLong() + b.path("rejected").asLong();
      }
    }
    return 0;
  }
}

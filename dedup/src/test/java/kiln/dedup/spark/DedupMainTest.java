package kiln.dedup.spark;

import static kiln.dedup.spark.SparkTestSession.doc;
import static kiln.dedup.spark.SparkTestSession.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupMainTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.start("DedupMainTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void writesKeptAndRejectedParquetWithClusterIds(@TempDir Path tmp) throws Exception {
    frame(spark, List.of(doc("a", "one two three"), doc("b", "One, two, THREE!"), doc("c", "four")), 2)
        .write().parquet(tmp.resolve("in").toString());
    Path cfg = Files.writeString(tmp.resolve("dedup.yaml"), "exact: true\n");
    DedupMain.run(spark, DedupStage.fromConfig(ConfigNode.load(cfg)), tmp.resolve("in").toString(),
        tmp.resolve("out").toString());
    List<Row> kept = spark.read().parquet(tmp.resolve("out/kept").toString()).orderBy("id").collectAsList();
    List<Row> rejected = spark.read().parquet(tmp.resolve("out/rejected").toString()).collectAsList();
    assertEquals(List.of("a", "c"), kept.stream().map(r -> r.getString(0)).toList());
    assertEquals(1, rejected.size());
    assertEquals("dedup:exact", rejected.get(0).getString(rejected.get(0).fieldIndex("reason")));
    assertEquals("a", DocumentSchema.toDocument(rejected.get(0)).meta().get("cluster_id"));
    assertEquals("2", DocumentSchema.toDocument(kept.get(0)).meta().get("cluster_size"));
  }

  @Test
  void badArgumentsFailBeforeSpark() {
    assertThrows(IllegalArgumentException.class, () -> DedupMain.main(new String[] {"--in", "x"}));
    assertThrows(IllegalArgumentException.class, () -> DedupMain.main(new String[] {"--bogus", "x"}));
  }
}

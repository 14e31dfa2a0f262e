package kiln.dedup.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import kiln.dedup.graph.UnionFind;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
  private static SparkSession spark;
  private static final StructType EDGES = new StructType().add("src", "string").add("dst", "string");

  @BeforeAll
  static void start() {
    spark = SparkTestSession.start("ConnectedComponentsTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String id(int i) {
    return String.format("n%05d", i);
  }

  private static Map<String, String> run(List<int[]> edges, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int[] e : edges) {
      rows.add(RowFactory.create(id(e[0]), id(e[1])));
    }
    Map<String, String> out = new TreeMap<>();
    ConnectedComponents cc = new ConnectedComponents();
    for (Row r : cc.run(spark.createDataFrame(rows, EDGES).repartition(partitions)).collectAsList()) {
      String prev = out.put(r.getString(0), r.getString(1));
      assertEquals(null, prev, "node listed twice: " + r.getString(0));
    }
    return out;
  }

  /** Expected labelling by union-find: node -> smallest node of its component. */
  private static Map<String, String> expected(List<int[]> edges, int n) {
    UnionFind u = new UnionFind(n);
    boolean[] seen = new boolean[n];
    for (int[] e : edges) {
      u.union(e[0], e[1]);
      seen[e[0]] = seen[e[1]] = true;
    }
    Map<String, String> want = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      if (seen[i]) {
        want.put(id(i), id(u.find(i)));
      }
    }
    return want;
  }

  @Test
  void randomGraphMatchesUnionFind() {
    SplittableRandom r = new SplittableRandom(5);
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < 220; i++) {
      edges.add(new int[] {r.nextInt(300), r.nextInt(300)});
    }
    assertEquals(expected(edges, 300), run(edges, 3));
  }

  @Test
  void longChainAndBigStarConverge() {
    List<int[]> edges = new ArrayList<>();
    // A path 1000-1001-...-1199, given in reverse order, whose smallest node is in the middle: 0 links to 1100.
    for (int i = 1199; i > 1000; i--) {
      edges.add(new int[] {i, i - 1});
    }
    edges.add(new int[] {1100, 0});
    // A star of 500 leaves around 2500, attached to 2000 by one leaf.
    for (int i = 2001; i <= 2500; i++) {
      edges.add(new int[] {2500, i});
    }
    edges.add(new int[] {2000, 2001});
    Map<String, String> got = run(edges, 4);
    Map<String, String> want = expected(edges, 2600);
    assertEquals(want, got);
    assertEquals(id(0), got.get(id(1199)));
    assertEquals(id(2000), got.get(id(2500)));
    Map<String, Integer> sizes = new HashMap<>();
    got.values().forEach(v -> sizes.merge(v, 1, Integer::sum));
    // path 1000..1199 (200 nodes) + node 0 = 201; star 2000..2500 = 501
    assertEquals(Map.of(id(0), 201, id(2000), 501), sizes);
  }

  @Test
  void selfLoopsAndDuplicatesIgnored() {
    List<int[]> edges = List.of(new int[] {3, 3}, new int[] {4, 3}, new int[] {3, 4}, new int[] {4, 3});
    Map<String, String> got = run(edges, 2);
    assertEquals(Map.of(id(3), id(3), id(4), id(3)), got);
    assertTrue(got.size() == 2);
  }
}

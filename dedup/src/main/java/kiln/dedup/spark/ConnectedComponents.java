package kiln.dedup.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph held as a Dataset of string edges, by alternating large-star
 * and small-star rounds (Kiveris et al., "Connected Components in MapReduce and Beyond", SoCC 2014).
 * Each component ends as a star around its smallest id, so the labelling is a function of the edge set.
 *
 * <p>Edges are kept oriented {@code src > dst}. Large-star: for every node u with neighbourhood N(u) and
 * m(u) = min(N(u) ∪ {u}), each larger neighbour v > u gets the edge (v, m(u)). Small-star: for every node
 * u with smaller neighbours S(u) and m = min S(u), each v in S(u) ∪ {u} other than m gets (v, m). Both
 * keep connectivity; they stop when the graph is a star forest (no node both a src and a dst, one dst per
 * src), after O(log^2 n) rounds in theory and a handful in practice.
 *
 * <p>Every step is a group-by-min and a join on one side's key, so a node of degree 10^5 (a giant LSH
 * bucket) costs one partially aggregated group, never all pairs. Each round is materialised with
 * {@code localCheckpoint}, which cuts lineage and plan growth. Nothing is collected to the driver except
 * two counts per round.
 */
public final class ConnectedComponents {
  public static final String SRC = "src";
  public static final String DST = "dst";
  public static final String NODE = "node";
  public static final String ROOT = "root";
  /** Safety net; large-star/small-star needs far fewer rounds on any real graph. */
  public static final int DEFAULT_MAX_ROUNDS = 100;

  private final int maxRounds;
  private int lastRounds;

  public ConnectedComponents() {
    this(DEFAULT_MAX_ROUNDS);
  }

  public ConnectedComponents(int maxRounds) {
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be >= 1, got " + maxRounds);
    }
    this.maxRounds = maxRounds;
  }

  /** Rounds the last {@link #run} took. */
  public int lastRounds() {
    return lastRounds;
  }

  /**
   * @param edges columns {@code src}, {@code dst} (strings, any orientation, duplicates and self-loops allowed)
   * @return {@code node, root} for every node touched by an edge; root = smallest id of its component
   */
  public Dataset<Row> run(Dataset<Row> edges) {
    Dataset<Row> e = edges.where(col(SRC).notEqual(col(DST)))
        .select(greatest(col(SRC), col(DST)).as(SRC), least(col(SRC), col(DST)).as(DST))
        .distinct()
        .localCheckpoint(true);
    lastRounds = 0;
    while (true) {
      lastRounds++;
      e = smallStar(largeStar(e)).localCheckpoint(true);
      if (isStarForest(e)) {
        break;
      }
      if (lastRounds >= maxRounds) {
        throw new IllegalStateException("connected components did not converge in " + maxRounds + " rounds");
      }
    }
    Dataset<Row> roots = e.select(col(DST).as(NODE), col(DST).as(ROOT)).distinct();
    return e.select(col(SRC).as(NODE), col(DST).as(ROOT)).unionByName(roots);
  }

  static Dataset<Row> largeStar(Dataset<Row> e) {
    Dataset<Row> n = e.unionByName(e.select(col(DST).as(SRC), col(SRC).as(DST)));
    Dataset<Row> m = n.groupBy(SRC).agg(min(DST).as("_m"))
        .select(col(SRC).as("_u"), least(col(SRC), col("_m")).as("_m"));
    return n.where(col(DST).gt(col(SRC)))
        .join(m, col(SRC).equalTo(col("_u")))
        .select(col(DST).as(SRC), col("_m").as(DST))
        .distinct();
  }

  static Dataset<Row> smallStar(Dataset<Row> e) {
    Dataset<Row> m = e.groupBy(SRC).agg(min(DST).as("_m")).withColumnRenamed(SRC, "_u");
    return e.join(m, col(SRC).equalTo(col("_u")))
        .select(when(col(DST).equalTo(col("_m")), col(SRC)).otherwise(col(DST)).as(SRC), col("_m").as(DST))
        .distinct();
  }

  /** Every src has one dst and no dst is a src; one Spark job. */
  static boolean isStarForest(Dataset<Row> e) {
    Dataset<Row> multiParent = e.groupBy(SRC).agg(count(lit(1)).as("_n")).where(col("_n").gt(1)).select(SRC);
    Dataset<Row> chained = e.join(e.select(col(SRC).as("_s")), col(DST).equalTo(col("_s")), "left_semi").select(SRC);
    return multiParent.unionByName(chained).limit(1).count() == 0;
  }
}

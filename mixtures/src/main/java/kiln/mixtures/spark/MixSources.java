package kiln.mixtures.spark;


import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.core.config.ConfigException;
import kiln.mixtures.Curriculum;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Opens each curriculum source as a Dataset of tokenized rows, its {@code select}/{@code where} filter applied.
 * Sources with {@code paths} read Parquet; sources with {@code select} filter the upstream dataset the
 * pipeline runner passes in (the {@code mix:} stage).
 */
public final class MixSources {
  private MixSources() {}

  /** Columns every source must have (the tokens schema, {@code Columns.TOKENS_DDL}). */
  public static final List<String> REQUIRED = List.of(Columns.ID, Columns.TOKENS, Columns.N_TOKENS, "text_bytes");

  /**
   * @param upstream the pipeline's tokenized dataset, or null when running from a curriculum file alone
   * @return by source name; rows keep all their columns (filters may use extra ones)
   * @throws ConfigException naming the source's key when it needs an upstream that is absent, lacks a tokens
   *     column, or its filter names an unknown column; nothing runs on the cluster before these checks
   */
  public static Map<String, Dataset<Row>> resolve(SparkSession spark, Curriculum c, Dataset<Row> upstream) {
    Map<String, Dataset<Row>> out = new TreeMap<>();
    for (Curriculum.Source s : c.sources().values()) {
      Dataset<Row> ds;
      if (s.fromUpstream()) {
        if (upstream == null) {
          throw new ConfigException(c.file(), s.key() + ".select",
              "select needs the pipeline's tokens dataset; outside a pipeline give paths instead");
        }
        ds = upstream;
      } else {
        ds = spark.read().parquet(s.paths().toArray(String[]::new));
      }
      requireColumns(ds.schema(), c.file(), s.key() + (s.fromUpstream() ? ".select" : ".paths"));
      if (s.filter().isPresent()) {
        String key = s.key() + (s.where().isPresent() ? ".where" : ".select");
        ds = ds.filter(PredicateColumns.toColumn(s.filter().get(), ds.schema(), c.file(), key));
      }
      out.put(s.name(), ds);
    }
    return out;
  }

  static void requireColumns(StructType schema, String file, String key) {
    List<String> have = Arrays.asList(schema.fieldNames());
    for (String r : REQUIRED) {
      if (!have.contains(r)) {
        throw new ConfigException(file, key, "dataset lacks column '" + r + "' of the tokens schema (has: "
            + String.join(", ", have) + ")");
      }
    }
  }

}

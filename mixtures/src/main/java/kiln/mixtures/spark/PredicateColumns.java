package kiln.mixtures.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import kiln.core.Columns;
import kiln.core.config.ConfigException;
import kiln.mixtures.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compiles a {@link Predicate} into a Spark {@link Column} with {@code col()}/{@code lit()} only, so config
 * text never reaches the SQL parser.
 *
 * <p>A field names a top-level column if the dataset has one; otherwise, or when written {@code meta.key},
 * it is looked up in the {@code meta} map. Map values are strings: compared with a number they are read as
 * doubles ({@code try_cast}: a non-numeric value counts as missing), with a boolean as true/false.
 */
public final class PredicateColumns {
  private PredicateColumns() {}

  /**
   * @param file curriculum file, for errors
   * @param key config key of the expression ({@code sources.web.where}), for errors
   * @throws ConfigException when a field is neither a column nor resolvable through a {@code meta} map
   */
  public static Column toColumn(Predicate p, StructType schema, String file, String key) {
    if (p instanceof Predicate.And a) {
      return toColumn(a.left(), schema, file, key).and(toColumn(a.right(), schema, file, key));
    }
    if (p instanceof Predicate.Or o) {
      return toColumn(o.left(), schema, file, key).or(toColumn(o.right(), schema, file, key));
    }
    if (p instanceof Predicate.Not n) {
      return functionsNot(toColumn(n.inner(), schema, file, key));
    }
    if (p instanceof Predicate.Compare c) {
      Column f = typed(field(c.field(), schema, file, key), fieldType(c.field(), schema), c.value());
      Column v = lit(c.value());
      return switch (c.op()) {
        case EQ -> f.equalTo(v);
        case NE -> f.notEqual(v);
        case LT -> f.lt(v);
        case LE -> f.leq(v);
        case GT -> f.gt(v);
        case GE -> f.geq(v);
      };
    }
    Predicate.In in = (Predicate.In) p;
    Column f = typed(field(in.field(), schema, file, key), fieldType(in.field(), schema), in.values().get(0));
    return f.isin(in.values().toArray());
  }

  private static Column functionsNot(Column c) {
    return org.apache.spark.sql.functions.not(c);
  }

  private static Column field(String name, StructType schema, String file, String key) {
    boolean hasMeta = Arrays.stream(schema.fields())
        .anyMatch(f -> f.name().equals(Columns.META) && f.dataType() instanceof MapType);
    if (name.startsWith(Columns.META + ".")) {
      if (!hasMeta) {
        throw new ConfigException(file, key, "'" + name + "' needs a meta map column, and the dataset has none");
      }
      return col(Columns.META).getItem(name.substring(Columns.META.length() + 1));
    }
    if (name.contains(".")) {
      throw new ConfigException(file, key, "'" + name + "': only meta.<key> may contain a dot");
    }
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      return col(name);
    }
    if (hasMeta) {
      return col(Columns.META).getItem(name);
    }
    throw new ConfigException(file, key, "column '" + name + "' is not in the dataset (columns: "
        + String.join(", ", schema.fieldNames()) + ") and there is no meta map to look it up in");
  }

  /** The field's type, or string for meta lookups. */
  private static DataType fieldType(String name, StructType schema) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f.dataType();
      }
    }
    return DataTypes.StringType;
  }

  private static Column typed(Column f, DataType type, Object value) {
    if (value instanceof Double && !(type instanceof NumericType)) {
      return f.try_cast(DataTypes.DoubleType);
    }
    if (value instanceof Boolean && !type.equals(DataTypes.BooleanType)) {
      return f.try_cast(DataTypes.BooleanType);
    }
    if (value instanceof String && !type.equals(DataTypes.StringType)) {
      return f.cast(DataTypes.StringType);
    }
    return f;
  }
}

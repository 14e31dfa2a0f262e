package kiln.mixtures;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A row filter over a tokenized dataset's columns (or its {@code meta} map), parsed from a source's
 * {@code where:} expression or built from its {@code select:} mapping.
 *
 * <p>The tree is data, not SQL text: {@code kiln.mixtures.spark.PredicateColumns} turns it into Spark
 * {@code Column}s with {@code col()} and {@code lit()}, so a config value can never inject SQL.
 * Semantics are SQL's: a comparison with a missing value (null column, absent meta key) is unknown, and
 * unknown rows are not selected, also under {@code not}.
 */
public sealed interface Predicate {

  /** Comparison operators, spelled as in the expression language. */
  enum Op {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    public final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** {@code field op value}; value is a {@link String}, a {@link Double} or a {@link Boolean}. */
  record Compare(String field, Op op, Object value) implements Predicate {
    public Compare {
      if (field == null || field.isEmpty()) {
        throw new IllegalArgumentException("field must not be empty");
      }
      if (!(value instanceof String || value instanceof Double || value instanceof Boolean)) {
        throw new IllegalArgumentException("value must be a string, number or boolean, got " + value);
      }
    }

    @Override
    public String toString() {
      return field + " " + op.symbol + " " + literal(value);
    }
  }

  /** {@code field in (v1, v2, ...)}. */
  record In(String field, List<Object> values) implements Predicate {
    public In {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("values must not be empty");
      }
    }

    @Override
    public String toString() {
      return field + " in (" + values.stream().map(Predicate::literal).collect(Collectors.joining(", ")) + ")";
    }
  }

  record And(Predicate left, Predicate right) implements Predicate {
    @Override
    public String toString() {
      return "(" + left + " and " + right + ")";
    }
  }

  record Or(Predicate left, Predicate right) implements Predicate {
    @Override
    public String toString() {
      return "(" + left + " or " + right + ")";
    }
  }

  record Not(Predicate inner) implements Predicate {
    @Override
    public String toString() {
      return "not " + inner;
    }
  }

  /** Both, or whichever is present. */
  static Predicate and(Predicate a, Predicate b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : new And(a, b);
  }

  private static String literal(Object v) {
    if (v instanceof String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }
}

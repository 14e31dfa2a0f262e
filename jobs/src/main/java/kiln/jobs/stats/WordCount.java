package kiln.jobs.stats;

import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Words of a text for the word-count profile: maximal runs of characters other than Java regex {@code \s}
 * (space, tab, LF, VT, FF, CR), which is what {@code size(filter(split(text, '\\s+'), w -> w != ''))} counts.
 * One pass over the characters instead of Spark's split, which made a string per word and then filtered the
 * array: that expression was the largest cost of a pass-through stage (bench/stage.sh, docs/architecture.md).
 */
public final class WordCount {
  private WordCount() {}

  /** {@link #of} as a Spark function. */
  public static final UserDefinedFunction UDF =
      functions.udf((UDF1<String, Integer>) WordCount::of, DataTypes.IntegerType);

  /** The number of words, null for a null text. */
  public static Integer of(String text) {
    if (text == null) {
      return null;
    }
    int words = 0;
    boolean inWord = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      boolean space = c == ' ' || (c >= '\t' && c <= '\r');
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }
}

package kiln.jobs.stats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import kiln.core.SharedData;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** {@link WordCount} counts what the profile's former {@code split(text, '\\s+')} expression counted. */
class WordCountTest {
  /** Whitespace Java's {@code \s} takes and Unicode spaces it does not (NBSP, em space, line separator). */
  static final List<String> EDGES = List.of("", " ", "a", " a", "a ", "  a  b  ", "a\tb\nc\u000Bd\fe\rf",
      "\t\n\u000B\f\r", "a\u00A0b", "a\u2003b", "a\u2028b", "a\u0085b", "\u00e9t\u00e9 \uD83D\uDE00 x",
      "x\u001Cy\u001Fz", "\uFFFD \uD800 a");

  /** The former definition: non-empty pieces of a split on runs of {@code \s}. */
  static int splitCount(String s) {
    return (int) Arrays.stream(s.split("\\s+", -1)).filter(w -> !w.isEmpty()).count();
  }

  static List<String> texts() throws IOException {
    List<String> texts = new ArrayList<>(EDGES);
    Optional<Path> books = SharedData.data("books/sotu");
    Optional<Path> html = SharedData.data("web/html/mozilla-readability-testpages");
    assumeTrue(books.isPresent() && html.isPresent(), "shared data books/sotu and web/html missing (KILN_SHARED)");
    for (Path dir : List.of(books.get(), html.get())) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.filter(Files::isRegularFile).sorted().limit(40).toList()) {
          texts.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        }
      }
    }
    return texts;
  }

  @Test
  void countsTheRunsTheRegexSplitCounted() throws IOException {
    for (String t : texts()) {
      assertEquals(splitCount(t), WordCount.of(t), () -> "text starting " + t.substring(0, Math.min(40, t.length())));
    }
    assertNull(WordCount.of(null));
  }

  @Test
  void sparkFunctionMatchesTheFormerExpression() throws IOException {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("word-count-test")
        .config("spark.ui.enabled", "false").config("spark.sql.ansi.enabled", "true").getOrCreate();
    try {
      List<String> texts = new ArrayList<>(texts());
      texts.add(null);
      List<Row> rows = spark.createDataset(texts, Encoders.STRING()).toDF("text")
          .select(expr("size(filter(split(text,'\\\\s+'), w -> w != ''))").as("old"),
              WordCount.UDF.apply(col("text")).as("new"))
          .collectAsList();
      assertEquals(texts.size(), rows.size());
      for (Row r : rows) {
        assertEquals(r.get(0), r.get(1));
      }
    } finally {
      spark.stop();
    }
  }
}

package kiln.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.core.Columns;
import kiln.core.stats.StageStats;
import kiln.core.fs.HadoopFiles;
import kiln.jobs.stats.StageProfile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Writes {@code RUN/report/index.html}: one self-contained page (inline CSS and SVG, no script, no
 * network) with the funnel, the removal reasons, the shards and samples of rejected documents.
 *
 * <p>Crawled text is hostile, so every string from the data is HTML-escaped and the page carries a
 * Content-Security-Policy that forbids scripts outright.
 */
public final class ReportWriter {
  private ReportWriter() {}

  static final int SAMPLES_PER_REASON = 10;
  static final int SAMPLE_CHARS = 600;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A stage's stats as found in a run folder; {@code dir} is the stage's output folder. */
  record StageData(String name, StageStats stats, List<Row> samples, JsonNode profile, String dir) {}

  public static String write(SparkSession spark, String runDir) {
    return write(spark, runDir, null);
  }

  public static String write(SparkSession spark, String runDir, String compareDir) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<StageData> stages = load(spark, conf, runDir, true);
    List<StageData> other = compareDir == null ? List.of() : load(spark, conf, compareDir, false);
    JsonNode manifest = readJson(conf, runDir + "/shards/manifest.json");
    JsonNode mix = readJson(conf, runDir + "/shards/mix_report.json");
    JsonNode scores = ScoreCharts.compute(spark, stages);
    HadoopFiles.writeString(conf, runDir + "/report/" + ScoreCharts.FILE, scores.toPrettyString() + "\n");
    String html = Html.page(runDir, stages, other, compareDir, manifest, mix, scores);
    return HadoopFiles.writeString(conf, runDir + "/report/index.html", html);
  }

  static List<StageData> load(SparkSession spark, Configuration conf, String runDir, boolean samples) {
    List<String> names = new ArrayList<>();
    JsonNode run = readJson(conf, runDir + "/_run.json");
    if (run != null && run.has("stages")) {
      run.get("stages").forEach(s -> names.add(s.path("folder").asText(s.get("name").asText())));
    } else {
      try {
        Path root = new Path(runDir);
        FileSystem fs = root.getFileSystem(conf);
        for (var st : fs.listStatus(root)) {
          if (st.isDirectory() && fs.exists(new Path(st.getPath(), "_stats.json"))) {
            names.add(st.getPath().getName());
          }
        }
        names.sort(null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<StageData> out = new ArrayList<>();
    for (String n : names) {
      String statsJson = readString(conf, runDir + "/" + n + "/_stats.json");
      if (statsJson == null) {
        continue;
      }
      StageStats s = StageStats.fromJson(statsJson);
      List<Row> rows = samples && s.docsRejected() > 0 ? samples(spark, runDir + "/" + n + "/rejected") : List.of();
      out.add(new StageData(s.stage(), s, rows, readJson(conf, runDir + "/" + n + "/" + StageProfile.FILE),
          runDir + "/" + n));
    }
    return out;
  }

  /** A few rejected documents per reason, the first by id: a distributed window, not a collect of all rows. */
  static List<Row> samples(SparkSession spark, String rejected) {
    var df = spark.read().parquet(rejected);
    // Rejects without text (e.g. the mix step's id list of unsampled documents) have nothing to show.
    if (!List.of(df.columns()).containsAll(List.of(Columns.REASON, Columns.ID, Columns.URL, Columns.TEXT))) {
      return List.of();
    }
    var w = Window.partitionBy(col(Columns.REASON)).orderBy(col(Columns.ID));
    return df.withColumn("_n", row_number().over(w))
        .filter(col("_n").leq(SAMPLES_PER_REASON))
        .select(col(Columns.REASON), col(Columns.ID), col(Columns.URL),
            substring(col(Columns.TEXT), 1, SAMPLE_CHARS).as(Columns.TEXT))
        .orderBy(col(Columns.REASON), col(Columns.ID))
        .collectAsList();
  }

  static JsonNode readJson(Configuration conf, String path) {
    String s = readString(conf, path);
    try {
      return s == null ? null : JSON.readTree(s);
    } catch (IOException e) {
      // A damaged stats file must not quietly vanish from the report.
      throw new UncheckedIOException("cannot parse " + path + ": " + e.getMessage(), e);
    }
  }

  static String readString(Configuration conf, String path) {
    return HadoopFiles.readString(conf, path);
  }

  static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static Map<String, Long> reasons(StageData s) {
    return s.stats().reasons();
  }
}

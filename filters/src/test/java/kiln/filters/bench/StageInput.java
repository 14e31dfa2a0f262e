package kiln.filters.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.core.Document;
import kiln.core.spark.DocumentSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the input of the document-stage benchmark ({@code kiln.jobs.bench.DocumentStageBench}, which lives in
 * jobs because it runs the stage through the CLI's stage runner): {@code DIR/corpus/}, {@link
 * FilterChainBench#corpus()} as one Parquet file with the stage input schema ({@link DocumentSchema#DOCUMENT}),
 * and {@code DIR/chain.yaml}, the filter chain {@link FilterChainBench} times ({@code compat: none}, language
 * step on optimaize), so both benchmarks measure the same kernel on the same documents.
 *
 * <p>Usage: {@code StageInput DIR}.
 */
public final class StageInput {
  private StageInput() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    List<Row> rows = new ArrayList<>();
    for (Document d : FilterChainBench.corpus()) {
      rows.add(DocumentSchema.toRow(d));
    }
    // the settings kiln.jobs.spark.SparkSessions gives every Kiln job, so the file is what ingest would write
    SparkSession spark = SparkSession.builder().master("local[1]").appName("StageInput")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.parquet.compression.codec", "zstd")
        .config("spark.hadoop.parquet.summary.metadata.level", "NONE")
        .getOrCreate();
    try {
      spark.createDataFrame(rows, DocumentSchema.DOCUMENT).coalesce(1).write().mode("overwrite")
          .parquet(dir.resolve("corpus").toString());
    } finally {
      spark.stop();
    }
    String chain = FilterChainBench.TEXT_CHAIN.replace("filters:\n", "filters:\n" + FilterChainBench.LANGUAGE);
    Files.writeString(dir.resolve("chain.yaml"), String.format(chain, "none"), StandardCharsets.UTF_8);
    System.out.println("wrote " + rows.size() + " documents to " + dir.resolve("corpus"));
  }
}

package kiln.jobs.run;

import java.util.List;
import java.util.Map;
import kiln.core.stats.StageStats;
import kiln.jobs.ingest.spark.IngestJob;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The pipeline's first step: every input read by its {@link IngestJob}, under the stage contract. */
public record IngestStep(String name, String configHash, List<IngestJob> jobs) implements Step {

  @Override
  public String type() {
    return "ingest";
  }

  @Override
  public StageStats run(RunContext ctx, String input, String outDir) {
    Dataset<Row> all = null;
    for (IngestJob j : jobs) {
      Dataset<Row> rows = j.read(ctx.spark());
      all = all == null ? rows : all.unionByName(rows);
    }
    return StageRunner.run(ctx.spark(), name, all, outDir, Map.of("inputs", jobs.size()));
  }
}

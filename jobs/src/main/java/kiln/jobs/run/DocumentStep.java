package kiln.jobs.run;

import kiln.core.spark.Stage;
import kiln.core.stats.StageStats;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A document-to-document stage (filter, pii, dedup) run under the stage contract. */
public record DocumentStep(String name, String type, String configHash, Stage stage) implements Step {

  @Override
  public StageStats run(RunContext ctx, String input, String outDir) {
    Dataset<Row> in = ctx.spark().read().parquet(input);
    stage.outputSchema(in.schema());
    Dataset<Row> annotated = stage.apply(in);
    // after apply: a stage with dataset-level cut-offs has computed them by now
    return StageRunner.run(ctx.spark(), name, annotated, outDir, stage.statsExtra());
  }
}

package kiln.jobs.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.core.stats.StageStats;
import kiln.jobs.ingest.commoncrawl.CommonCrawlIngest;
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
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("inputs", jobs.size());
    List<CommonCrawlIngest> crawls = new ArrayList<>();
    for (IngestJob j : jobs) {
      Dataset<Row> rows;
      if (j.commonCrawl() != null) {
        // Resumable: fetch state lives next to outDir until the stage output is committed.
        CommonCrawlIngest cc = new CommonCrawlIngest(j, outDir);
        rows = cc.read(ctx.spark());
        crawls.add(cc);
      } else {
        rows = j.read(ctx.spark());
      }
      all = all == null ? rows : all.unionByName(rows);
    }
    for (CommonCrawlIngest cc : crawls) {
      cc.stats().forEach((k, v) -> extra.merge(k, v, (a, b) -> ((Integer) a) + ((Integer) b)));
    }
    StageStats stats = StageRunner.run(ctx.spark(), name, all, outDir, extra);
    for (CommonCrawlIngest cc : crawls) {
      cc.afterCommit(ctx.spark().sparkContext().hadoopConfiguration());
    }
    return stats;
  }
}

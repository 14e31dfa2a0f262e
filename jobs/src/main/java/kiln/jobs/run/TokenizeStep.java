package kiln.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.core.Columns;
import kiln.core.spark.DocumentSchema;
import kiln.core.stats.StageStats;
import kiln.tokenize.spark.TokenizeStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Documents to token arrays ({@link Columns#TOKENS_DDL}) in {@code OUT/tokenize/kept/}. Tokenizing drops
 * nothing, so {@code rejected/} is always empty; {@code _stats.json} adds {@code tokens}, {@code tokenizer}
 * and {@code vocab_size}, which the mix step reads to label the shards.
 */
public record TokenizeStep(String name, String configHash, TokenizeStage stage) implements Step {

  public static final String TOKENIZER = "tokenizer";
  public static final String VOCAB_SIZE = "vocab_size";
  public static final String TOKENS = "tokens";

  @Override
  public String type() {
    return "tokenize";
  }

  @Override
  public StageStats run(RunContext ctx, String input, String outDir) {
    long t0 = System.nanoTime();
    Dataset<Row> docs = ctx.spark().read().parquet(input);
    DocumentSchema.require(docs.schema(), name);
    Dataset<Row> tokens = stage.apply(docs).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row agg = tokens.agg(count(lit(1)), sum(col(Columns.N_TOKENS).cast("long")), sum(col("text_bytes"))).first();
      long n = agg.getLong(0);
      long tok = agg.isNullAt(1) ? 0 : agg.getLong(1);
      long bytes = agg.isNullAt(2) ? 0 : agg.getLong(2);
      OutputDir out = OutputDir.begin(ctx.spark(), outDir);
      StageRunner.write(tokens, out.tmp(StageRunner.KEPT), bytes);
      ctx.spark().createDataFrame(java.util.List.of(), DocumentSchema.REJECTED).write().parquet(out.tmp(StageRunner.REJECTED));
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put(TOKENS, tok);
      extra.put(TOKENIZER, stage.tokenizerId());
      extra.put(VOCAB_SIZE, stage.vocabSize());
      double wall = (System.nanoTime() - t0) / 1e9;
      StageStats s = new StageStats(name, n, n, 0, bytes, bytes, Map.of(), Math.round(wall * 1000) / 1000.0, extra);
      out.writeString(StageRunner.STATS, s.toJson());
      out.commit();
      return s;
    } finally {
      tokens.unpersist();
    }
  }
}

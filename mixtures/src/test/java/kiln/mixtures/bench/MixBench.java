package kiln.mixtures.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import kiln.core.Columns;
import kiln.mixtures.Curriculum;
import kiln.mixtures.CurriculumLoader;
import kiln.mixtures.MixPlan;
import kiln.mixtures.spark.MixJob;
import kiln.mixtures.spark.MixSampler;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times planning and selection (not shard writing) of a 3-source, 2-phase curriculum over generated tokens
 * datasets. Usage: {@code MixBench DOCS_PER_SOURCE WORKDIR}. Prints one {@code BENCH mix ...} line.
 */
public final class MixBench {
  public static void main(String[] args) throws Exception {
    long docs = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
    Path work = Path.of(args.length > 1 ? args[1] : "target/mixbench");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("MixBench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
    for (String s : new String[] {"web", "code", "books"}) {
      Path dir = work.resolve(s);
      if (!Files.exists(dir)) {
        spark.range(docs).select(concat(lit(s + "-"), col("id").cast("string")).as(Columns.ID), lit(s).as(Columns.SOURCE),
            expr("transform(sequence(0, 49 + CAST(id * 7919 % 400 AS INT)), t -> CAST((id + t) % 50000 AS INT))")
                .as(Columns.TOKENS),
            expr("50 + CAST(id * 7919 % 400 AS INT)").as(Columns.N_TOKENS),
            expr("CAST(4 * (50 + id * 7919 % 400) AS BIGINT)").as("text_bytes"))
            .write().parquet(dir.toString());
      }
    }
    Path cfg = work.resolve("bench.yaml");
    Files.writeString(cfg, """
        seed: 1
        sources:
          web: {paths: [web]}
          code: {paths: [code], max_epochs: 3}
          books: {paths: [books], max_epochs: 3}
        phases:
          - {name: main, tokens: %d, weights: {web: 0.7, code: 0.2, books: 0.1}}
          - {name: anneal, tokens: %d, weights: {web: 0.3, code: 0.4, books: 0.3}}
        """.formatted(docs * 250 / 2, docs * 250));
    Curriculum c = CurriculumLoader.load(cfg);
    long t0 = System.nanoTime();
    MixJob.Planned planned = MixJob.plan(spark, c, null);
    long rows = 0;
    long tokens = 0;
    for (MixPlan.Phase p : planned.plan().phases()) {
      Row r = MixSampler.selectPhase(spark, p, planned.sources())
          .agg(expr("count(1)"), expr("sum(CAST(n_tokens AS BIGINT))")).first();
      rows += r.getLong(0);
      tokens += r.getLong(1);
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    // every source takes part in the first phase: its takes hold one epoch of each
    long inputTokens = planned.plan().phases().get(0).takes().stream().mapToLong(MixPlan.Take::availableTokens).sum();
    System.out.printf(Locale.ROOT, "BENCH mix docs=%d mb=%.1f seconds=%.2f mb_per_s=%.2f selected_rows=%d "
        + "selected_tokens=%d tokens_per_s=%.0f%n", 3 * docs, inputTokens * 4 / 1e6, sec, inputTokens * 4 / 1e6 / sec,
        rows, tokens, tokens / sec);
    spark.stop();
  }
}

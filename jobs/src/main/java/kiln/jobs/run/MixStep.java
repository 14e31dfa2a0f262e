package kiln.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.core.Columns;
import kiln.core.fs.HadoopFiles;
import kiln.core.config.ConfigNode;
import kiln.core.stats.StageStats;
import kiln.mixtures.Curriculum;
import kiln.mixtures.spark.MixJob;
import kiln.mixtures.spark.PhaseReport;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The curriculum applied to the tokenized corpus: per phase, the sampled documents in a deterministic global
 * order, written as shards ({@code OUT/shards/}, or {@code OUT/shards/<phase>/} with several phases) with a
 * {@code manifest.json}, the phase's requested-vs-achieved report and its Megatron blend string.
 *
 * <p>Stats: {@code docs_in} = tokenized documents, kept = documents sampled at least once, rejected =
 * documents no phase sampled ({@code mix:not_sampled}; {@code rejected/} lists their ids).
 */
public record MixStep(String name, String configHash, Curriculum curriculum) implements Step {

  public static final String REPORT = "mix_report.json";
  public static final String NOT_SAMPLED = "mix:not_sampled";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  @Override
  public String type() {
    return "mix";
  }

  /** Shards are the pipeline's product; they live in {@code OUT/shards/}, not {@code OUT/mix/}. */
  @Override
  public String folder() {
    return name.equals("mix") ? "shards" : "shards_" + name.substring(name.indexOf('_') + 1);
  }

  @Override
  public String primaryOutput(String outDir) {
    return outDir;
  }

  @Override
  public StageStats run(RunContext ctx, String input, String outDir) {
    long t0 = System.nanoTime();
    SparkSession spark = ctx.spark();
    // In a pipeline the input is the tokenize step's output; alone (kiln mix) the sources name their paths.
    Dataset<Row> tokens = input == null ? null : spark.read().parquet(input);
    List<String> statsCandidates = new ArrayList<>();
    if (input != null) {
      statsCandidates.add(parent(input));
    }
    curriculum.sources().values().forEach(src -> src.paths().forEach(p -> statsCandidates.add(parent(p))));
    String tokenizer = "unknown";
    int vocab = -1;
    for (String dir : statsCandidates) {
      String statsJson = PipelineRunner.readString(spark.sparkContext().hadoopConfiguration(),
          dir + "/" + StageRunner.STATS);
      if (statsJson != null) {
        StageStats up = StageStats.fromJson(statsJson);
        if (up.extra().containsKey(TokenizeStep.VOCAB_SIZE)) {
          tokenizer = String.valueOf(up.extra().get(TokenizeStep.TOKENIZER));
          vocab = ((Number) up.extra().get(TokenizeStep.VOCAB_SIZE)).intValue();
          break;
        }
      }
    }
    if (vocab < 0) {
      throw new IllegalArgumentException("cannot tell the vocabulary size of the mix's sources: none of "
          + statsCandidates + " holds a tokenize _stats.json");
    }
    MixJob.Planned planned = MixJob.plan(spark, curriculum, tokens);
    ctx.progress().info("mix       plan:\n" + planned.plan().toText().stripTrailing());
    OutputDir out = OutputDir.begin(spark, outDir);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String root = out.tmpRoot();
    String finalRoot = out.finalPath();
    String sampledIds = out.tmp("_sampled");
    List<PhaseReport> reports;
    ObjectNode report = ConfigNode.newObject();
    ArrayNode phases = report.putArray("phases");
    try {
      reports = MixJob.write(spark, planned, root, finalRoot, true, tokenizer, vocab, (phase, sel) ->
          sel.select(col(Columns.ID)).distinct().write().mode(SaveMode.Append).parquet(sampledIds));
      for (PhaseReport pr : reports) {
        ctx.progress().info("mix       " + pr.toText().stripTrailing());
        ObjectNode pj = pr.toJson();
        String phaseDir = planned.plan().phases().size() == 1 ? root : HadoopFiles.child(root, pr.phase());
        String blend = HadoopFiles.readString(conf, HadoopFiles.child(phaseDir, MixJob.BLEND_FILE));
        if (blend != null) {
          pj.put("megatron_data_path", blend.strip());
        }
        phases.add(pj);
      }
      out.writeString(REPORT, JSON.writeValueAsString(report) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Dataset<Row>> sources = planned.sources();
    Dataset<Row> selectedIds = spark.read().parquet(sampledIds).distinct();
    long shardTokens = reports.stream().mapToLong(PhaseReport::achievedTokens).sum();
    if (tokens == null) {
      Dataset<Row> all = null;
      for (Dataset<Row> d : sources.values()) {
        Dataset<Row> x = d.select(col(Columns.ID), col(Columns.SOURCE), col(Columns.N_TOKENS), col("text_bytes"));
        all = all == null ? x : all.unionByName(x);
      }
      tokens = all.dropDuplicates(Columns.ID);
    }
    Dataset<Row> notSampled = tokens.select(col(Columns.ID), col(Columns.SOURCE), col(Columns.N_TOKENS))
        .join(selectedIds.withColumnRenamed(Columns.ID, "_sampled_id"), col(Columns.ID).equalTo(col("_sampled_id")),
            "left_anti")
        .withColumn(Columns.REASON, lit(NOT_SAMPLED));
    StageRunner.write(notSampled, out.tmp(StageRunner.REJECTED), 0);
    Row in = tokens.agg(count(lit(1)), sum(col("text_bytes"))).first();
    long docsIn = in.getLong(0);
    long bytesIn = in.isNullAt(1) ? 0 : in.getLong(1);
    long rejected = spark.read().parquet(out.tmp(StageRunner.REJECTED)).count();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("tokens", shardTokens);

    extra.put("phases", planned.plan().phases().size());
    extra.put(TokenizeStep.TOKENIZER, tokenizer);
    extra.put(TokenizeStep.VOCAB_SIZE, vocab);
    double wall = (System.nanoTime() - t0) / 1e9;
    StageStats s = new StageStats(name, docsIn, docsIn - rejected, rejected, bytesIn, 0,
        rejected == 0 ? Map.of() : Map.of(NOT_SAMPLED, rejected), Math.round(wall * 1000) / 1000.0, extra);
    out.writeString(StageRunner.STATS, s.toJson());
    deleteQuietly(conf, sampledIds);
    out.commit();
    return s;
  }

  private static void deleteQuietly(Configuration conf, String dir) {
    try {
      HadoopFiles.delete(conf, dir);
    } catch (IOException e) {
      // a leftover id list is harmless; the shards and stats are already written
    }
  }

  private static String parent(String path) {
    int i = path.replaceAll("/+$", "").lastIndexOf('/');
    return i < 0 ? "." : path.substring(0, i);
  }
}

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
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.core.config.ConfigNode;
import kiln.core.stats.StageStats;
import kiln.mixtures.Curriculum;
import kiln.mixtures.MegatronBlend;
import kiln.mixtures.MixPlan;
import kiln.mixtures.MixPlanner;
import kiln.mixtures.spark.MixSampler;
import kiln.mixtures.spark.MixSources;
import kiln.mixtures.spark.PhaseReport;
import kiln.tokenize.spark.ShardFormat;
import kiln.tokenize.spark.ShardManifest;
import kiln.tokenize.spark.ShardOutput;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

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
    Map<String, Dataset<Row>> sources = MixSources.resolve(spark, curriculum, tokens);
    MixPlan plan = MixPlanner.plan(curriculum, MixSampler.measure(sources));
    ctx.progress().info("mix       plan:\n" + plan.toText().stripTrailing());
    OutputDir out = OutputDir.begin(spark, outDir);
    Path root = Path.of(URI.create(out.tmpRoot()));
    boolean single = plan.phases().size() == 1;
    Curriculum.Output o = curriculum.output();
    ShardFormat format = ShardFormat.of(o.format());
    ObjectNode report = ConfigNode.newObject();
    ArrayNode phases = report.putArray("phases");
    Dataset<Row> selectedIds = null;
    long shardTokens = 0;
    long shardDocs = 0;
    try {
      for (MixPlan.Phase phase : plan.phases()) {
        Dataset<Row> sel = MixSampler.selectPhase(spark, phase, sources).persist(StorageLevel.MEMORY_AND_DISK());
        PhaseReport pr = PhaseReport.compute(phase, sel);
        ctx.progress().info("mix       " + pr.toText().stripTrailing());
        Path dir = single ? root : root.resolve(phase.name());
        Map<String, Long> blend = new TreeMap<>();
        List<ShardManifest> manifests = new ArrayList<>();
        if (o.perSourceShards()) {
          for (MixPlan.Take t : phase.takes()) {
            Path d = dir.resolve(t.source());
            ShardManifest m = ShardOutput.write(sel.filter(col(Columns.SOURCE).equalTo(t.source())), MixSampler.ORDER,
                d, format, o.shardSize(), tokenizer, vocab);
            manifests.add(m);
            addPrefixes(blend, m, Path.of(outDir.replaceFirst("^file:", "")).resolve(root.relativize(d)));
          }
        } else {
          ShardManifest m = ShardOutput.write(sel, MixSampler.ORDER, dir, format, o.shardSize(), tokenizer, vocab);
          manifests.add(m);
          addPrefixes(blend, m, Path.of(outDir.replaceFirst("^file:", "")).resolve(root.relativize(dir)));
        }
        ObjectNode pj = pr.toJson();
        if (format == ShardFormat.MEGATRON && !blend.isEmpty()) {
          String dataPath = MegatronBlend.dataPath(blend);
          pj.put("megatron_data_path", dataPath);
          java.nio.file.Files.writeString(dir.resolve("blend.txt"), dataPath + "\n");
        }
        phases.add(pj);
        for (ShardManifest m : manifests) {
          shardTokens += m.shards().stream().mapToLong(ShardManifest.Shard::tokens).sum();
          shardDocs += m.shards().stream().mapToLong(ShardManifest.Shard::documents).sum();
        }
        Dataset<Row> ids = sel.select(col(Columns.ID)).distinct();
        selectedIds = selectedIds == null ? ids : selectedIds.union(ids).distinct();
        sel.unpersist();
      }
      java.nio.file.Files.writeString(root.resolve(REPORT), JSON.writeValueAsString(report) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    extra.put("shard_documents", shardDocs);
    extra.put("phases", plan.phases().size());
    extra.put(TokenizeStep.TOKENIZER, tokenizer);
    extra.put(TokenizeStep.VOCAB_SIZE, vocab);
    double wall = (System.nanoTime() - t0) / 1e9;
    StageStats s = new StageStats(name, docsIn, docsIn - rejected, rejected, bytesIn, 0,
        rejected == 0 ? Map.of() : Map.of(NOT_SAMPLED, rejected), Math.round(wall * 1000) / 1000.0, extra);
    out.writeString(StageRunner.STATS, s.toJson());
    out.commit();
    return s;
  }

  /** Megatron prefixes (path without {@code .bin}) of a manifest's shards with their token counts. */
  private static void addPrefixes(Map<String, Long> blend, ShardManifest m, Path finalDir) {
    for (ShardManifest.Shard s : m.shards()) {
      for (String f : s.files().keySet()) {
        if (f.endsWith(".bin")) {
          blend.put(finalDir.resolve(f.substring(0, f.length() - 4)).toString(), s.tokens());
        }
      }
    }
  }

  private static String parent(String path) {
    int i = path.replaceAll("/+$", "").lastIndexOf('/');
    return i < 0 ? "." : path.substring(0, i);
  }
}

package kiln.mixtures.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.core.Columns;
import kiln.mixtures.Curriculum;
import kiln.mixtures.MegatronBlend;
import kiln.mixtures.MixPlan;
import kiln.mixtures.MixPlanner;
import kiln.tokenize.spark.ShardFormat;
import kiln.tokenize.spark.ShardManifest;
import kiln.tokenize.spark.ShardOutput;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A whole curriculum end to end, for {@code kiln mix} and the pipeline's {@code mix:} stage: measure the sources,
 * plan, and per phase select the rows, write them with the tokenize stage's {@link ShardOutput} (ordered by
 * {@link MixSampler#ORDER}), and write the phase's {@value #MIXTURE_FILE} and, for Megatron, {@value #BLEND_FILE}.
 *
 * <p>Layout: {@code OUT/plan.txt}; {@code OUT/<phase>/} holds the shards and their {@code manifest.json}
 * (or, with {@code per_source_shards}, {@code OUT/<phase>/<source>/} one shard set per source), plus
 * {@code mixture.json} ({@link PhaseReport#toJson()}, with the output settings and the {@code data_path}) and
 * {@code blend.txt} (the {@code --data-path} weight string, {@link MegatronBlend}). {@code sequence_length} is
 * recorded, not applied: the shard writers store documents and trainers pack them at load time.
 */
public final class MixJob {
  private MixJob() {}

  public static final String PLAN_FILE = "plan.txt";
  public static final String MIXTURE_FILE = "mixture.json";
  public static final String BLEND_FILE = "blend.txt";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A plan with the source datasets it was measured on, ready for {@link #write}. */
  public record Planned(Curriculum curriculum, MixPlan plan, Map<String, Dataset<Row>> sources) {}

  /**
   * Opens and measures the sources (one Spark aggregation) and plans every phase: what {@code kiln mix --plan}
   * prints with {@code plan().toText()}. Writes nothing.
   *
   * @param upstream the pipeline's tokens dataset for {@code select:} sources, or null
   * @throws kiln.core.config.ConfigException naming the key, when a source is short or a filter is unusable
   */
  public static Planned plan(SparkSession spark, Curriculum c, Dataset<Row> upstream) {
    Map<String, Dataset<Row>> sources = MixSources.resolve(spark, c, upstream);
    return new Planned(c, MixPlanner.plan(c, MixSampler.measure(sources)), sources);
  }

  /**
   * Writes every phase under {@code outDir} (see the class comment).
   *
   * @param tokenizerId and {@code vocabSize}: of the tokenizer that made the sources, for the shard manifests
   *     and the token width on disk
   * @return per phase, in order
   */
  public static List<PhaseReport> write(SparkSession spark, Planned planned, Path outDir, String tokenizerId,
      int vocabSize) throws IOException {
    Curriculum.Output output = planned.plan().output();
    ShardFormat format = ShardFormat.of(output.format());
    Files.createDirectories(outDir);
    Files.writeString(outDir.resolve(PLAN_FILE), planned.plan().toText(), StandardCharsets.UTF_8);
    List<PhaseReport> reports = new ArrayList<>();
    for (MixPlan.Phase phase : planned.plan().phases()) {
      Path dir = outDir.resolve(phase.name());
      Dataset<Row> selected = MixSampler.selectPhase(spark, phase, planned.sources())
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        PhaseReport report = PhaseReport.compute(phase, selected);
        Map<String, Long> prefixes = new LinkedHashMap<>();
        if (output.perSourceShards()) {
          for (MixPlan.Take t : phase.takes()) {
            Path sub = dir.resolve(t.source());
            ShardManifest m = ShardOutput.write(selected.filter(col(Columns.SOURCE).equalTo(t.source())),
                MixSampler.ORDER, sub, format, output.shardSize(), tokenizerId, vocabSize);
            addPrefixes(prefixes, m, sub);
          }
        } else {
          ShardManifest m = ShardOutput.write(selected, MixSampler.ORDER, dir, format, output.shardSize(),
              tokenizerId, vocabSize);
          addPrefixes(prefixes, m, dir);
        }
        ObjectNode json = report.toJson();
        json.put("format", output.format()).put("shard_size", output.shardSize())
            .put("sequence_length", output.sequenceLength()).put("per_source_shards", output.perSourceShards())
            .put("seed", phase.seed());
        if (format == ShardFormat.MEGATRON && !prefixes.isEmpty()) {
          String blend = MegatronBlend.dataPath(prefixes);
          json.put("data_path", blend);
          Files.writeString(dir.resolve(BLEND_FILE), blend + "\n", StandardCharsets.UTF_8);
        }
        JSON.writeValue(dir.resolve(MIXTURE_FILE).toFile(), json);
        reports.add(report);
      } finally {
        selected.unpersist();
      }
    }
    return reports;
  }

  /** Megatron prefixes ({@code DIR/shard_NNNNN_text_document}) of a shard set, with their tokens. */
  private static void addPrefixes(Map<String, Long> prefixes, ShardManifest m, Path dir) {
    for (ShardManifest.Shard s : m.shards()) {
      if (s.tokens() > 0) {
        prefixes.put(dir.toAbsolutePath().resolve(s.name() + "_text_document").toString(), s.tokens());
      }
    }
  }
}

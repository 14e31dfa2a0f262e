package kiln.mixtures.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.core.Columns;
import kiln.core.fs.HadoopFiles;
import kiln.mixtures.Curriculum;
import kiln.mixtures.MegatronBlend;
import kiln.mixtures.MixPlan;
import kiln.mixtures.MixPlanner;
import kiln.tokenize.spark.ShardFormat;
import kiln.tokenize.spark.ShardManifest;
import kiln.tokenize.spark.ShardOutput;
import org.apache.hadoop.conf.Configuration;
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
    return write(spark, planned, outDir, outDir, false, tokenizerId, vocabSize, null);
  }

  /**
   * As {@link #write(SparkSession, Planned, Path, String, int)}, for callers that write into a temporary folder
   * and rename it into place.
   *
   * @param finalDir where {@code outDir} will live once the caller commits it: blend strings name final paths
   * @param flat with a single phase, write it into {@code outDir} itself instead of {@code outDir/<phase>}
   * @param onSelected if not null, called with each phase's selected rows while they are persisted
   */
  public static List<PhaseReport> write(SparkSession spark, Planned planned, Path outDir, Path finalDir, boolean flat,
      String tokenizerId, int vocabSize, java.util.function.BiConsumer<MixPlan.Phase, Dataset<Row>> onSelected)
      throws IOException {
    return write(spark, planned, outDir.toAbsolutePath().toString(), finalDir.toAbsolutePath().toString(), flat,
        tokenizerId, vocabSize, onSelected);
  }

  /**
   * As above, with folders given as plain local paths or URIs of any Hadoop file system ({@code hdfs://},
   * {@code s3a://}); small files are written atomically ({@link HadoopFiles#write}).
   */
  public static List<PhaseReport> write(SparkSession spark, Planned planned, String outDir, String finalDir,
      boolean flat, String tokenizerId, int vocabSize,
      java.util.function.BiConsumer<MixPlan.Phase, Dataset<Row>> onSelected) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Curriculum.Output output = planned.plan().output();
    ShardFormat format = ShardFormat.of(output.format());
    HadoopFiles.mkdirs(conf, outDir);
    HadoopFiles.write(conf, HadoopFiles.child(outDir, PLAN_FILE),
        planned.plan().toText().getBytes(StandardCharsets.UTF_8));
    List<PhaseReport> reports = new ArrayList<>();
    for (MixPlan.Phase phase : planned.plan().phases()) {
      boolean here = flat && planned.plan().phases().size() == 1;
      String dir = here ? outDir : HadoopFiles.child(outDir, phase.name());
      String finalPhaseDir = here ? finalDir : HadoopFiles.child(finalDir, phase.name());
      Dataset<Row> selected = MixSampler.selectPhase(spark, phase, planned.sources())
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        PhaseReport report = PhaseReport.compute(phase, selected);
        Map<String, Long> prefixes = new LinkedHashMap<>();
        if (output.perSourceShards()) {
          for (MixPlan.Take t : phase.takes()) {
            if (t.requestedTokens() == 0) {
              continue;
            }
            String sub = HadoopFiles.child(dir, t.source());
            ShardManifest m = ShardOutput.write(selected.filter(col(Columns.SOURCE).equalTo(t.source())),
                MixSampler.ORDER, sub, format, output.shardSize(), tokenizerId, vocabSize);
            addPrefixes(prefixes, m, HadoopFiles.child(finalPhaseDir, t.source()));
          }
        } else {
          ShardManifest m = ShardOutput.write(selected, MixSampler.ORDER, dir, format, output.shardSize(),
              tokenizerId, vocabSize);
          addPrefixes(prefixes, m, finalPhaseDir);
        }
        ObjectNode json = report.toJson();
        json.put("format", output.format()).put("shard_size", output.shardSize())
            .put("sequence_length", output.sequenceLength()).put("per_source_shards", output.perSourceShards())
            .put("seed", phase.seed());
        if (format == ShardFormat.MEGATRON && !prefixes.isEmpty()) {
          String blend = MegatronBlend.dataPath(prefixes);
          json.put("data_path", blend);
          HadoopFiles.write(conf, HadoopFiles.child(dir, BLEND_FILE), (blend + "\n").getBytes(StandardCharsets.UTF_8));
        }
        HadoopFiles.write(conf, HadoopFiles.child(dir, MIXTURE_FILE), JSON.writeValueAsBytes(json));
        reports.add(report);
        if (onSelected != null) {
          onSelected.accept(phase, selected);
        }
      } finally {
        selected.unpersist();
      }
    }
    return reports;
  }

  /**
   * Megatron prefixes ({@code DIR/shard_NNNNN_text_document}) of a shard set, with their tokens: absolute local
   * paths for local output, URIs otherwise.
   */
  private static void addPrefixes(Map<String, Long> prefixes, ShardManifest m, String dir) {
    String base = HadoopFiles.isLocal(dir) ? HadoopFiles.localPath(dir).toString() : dir;
    for (ShardManifest.Shard s : m.shards()) {
      if (s.tokens() > 0) {
        prefixes.put(HadoopFiles.child(base, s.name() + "_text_document"), s.tokens());
      }
    }
  }
}

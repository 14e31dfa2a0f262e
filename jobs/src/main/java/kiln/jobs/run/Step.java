package kiln.jobs.run;

import kiln.core.stats.StageStats;

/**
 * One step of a pipeline, built (and so validated) from config before Spark starts, run later.
 * A step reads the previous step's output folder and writes its own under {@code OUT/<name>/}.
 */
public interface Step {
  /** Output folder name and label in stats ({@code filter}, {@code dedup}, {@code filter_2}). */
  String name();

  /** Folder under the run's output directory (by default the name). */
  default String folder() {
    return name();
  }

  /** Step type as written in the pipeline YAML. */
  String type();

  /** Hash of this step's config; the runner chains it with upstream hashes to decide what to resume. */
  String configHash();

  /**
   * Runs the step.
   *
   * @param input the previous step's primary output (a Parquet dataset path), or null for the first step
   * @param outDir this step's output folder
   */
  StageStats run(RunContext ctx, String input, String outDir);

  /** The dataset a following step reads (by default {@code outDir/kept}). */
  default String primaryOutput(String outDir) {
    return outDir + "/" + StageRunner.KEPT;
  }
}

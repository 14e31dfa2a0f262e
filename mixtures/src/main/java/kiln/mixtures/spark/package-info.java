/**
 * Spark glue for mixtures: open the curriculum's sources ({@link kiln.mixtures.spark.MixSources}), measure
 * them and draw each phase's documents with a shuffle key ({@link kiln.mixtures.spark.MixSampler}), and
 * report achieved against requested tokens ({@link kiln.mixtures.spark.PhaseReport}). Writing shards is the
 * tokenize module's job; the runner hands it the selected rows and their {@code order} column.
 */
package kiln.mixtures.spark;

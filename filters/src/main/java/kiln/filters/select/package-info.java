/**
 * Dataset-level selection, pure Java: a {@link kiln.filters.select.RankedFilter} ranks documents by a key
 * within a group (all documents, or one language) and decides by rank cut-offs ({@link kiln.filters.select.RankCut})
 * that a Spark pass computes over the whole dataset ({@code kiln.filters.spark.RankCutPass}). Cut-offs are
 * (key, id) pairs, so the ranking is a total order and the result does not depend on partitioning.
 */
package kiln.filters.select;

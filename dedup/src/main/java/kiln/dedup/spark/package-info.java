/**
 * Spark glue of dedup: {@link kiln.dedup.spark.DedupStage} (exact, URL and MinHash phases over a Dataset),
 * LSH banding into star edges, and distributed connected components by alternating large-star / small-star
 * rounds. Nothing here collects documents, edges or components to the driver.
 */
package kiln.dedup.spark;

/**
 * Spark glue of dedup: {@link kiln.dedup.spark.DedupStage} (exact, URL and MinHash phases over a Dataset),
 * LSH banding into star edges, distributed connected components by alternating large-star / small-star
 * rounds, line and sentence-span dedup, and the persisted {@link kiln.dedup.spark.SignatureIndex} for
 * incremental dedup. Nothing here collects documents, edges, spans or components to the driver.
 */
package kiln.dedup.spark;

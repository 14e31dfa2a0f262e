/** Spark glue of the PII stage: {@link kiln.filters.pii.spark.PiiStage} maps {@link kiln.filters.pii.PiiFilter} over partitions. */
package kiln.filters.pii.spark;

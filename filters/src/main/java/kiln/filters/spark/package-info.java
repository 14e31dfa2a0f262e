/** Spark glue: {@link kiln.filters.spark.FilterStage} maps a {@link kiln.filters.FilterChain} over partitions. */
package kiln.filters.spark;

/** Spark glue of ingest: {@link kiln.jobs.ingest.spark.IngestJob} plans splits and maps readers over them. */
package kiln.jobs.ingest.spark;

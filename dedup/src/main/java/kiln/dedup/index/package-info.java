/**
 * The persisted dedup index: its metadata ({@link kiln.dedup.index.IndexMetadata}), the run-name
 * fingerprint, and the pure checks done before Spark starts. Reading and writing the Parquet rows is
 * {@link kiln.dedup.spark.SignatureIndex}.
 */
package kiln.dedup.index;

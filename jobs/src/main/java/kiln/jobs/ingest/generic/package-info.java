/** Generic ingest: plain-text files, folders of HTML files, JSONL. (Parquet is read by {@code spark.IngestJob}.) */
package kiln.jobs.ingest.generic;

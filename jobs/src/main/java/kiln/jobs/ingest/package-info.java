/**
 * Ingest: readers that turn raw inputs (crawl files, source archives, books, JSONL, text) into
 * {@link kiln.core.Document}s. Every input item becomes an {@link kiln.jobs.ingest.IngestRecord}: a kept document
 * or a rejection with an {@code ingest:<rule>} reason plus the file and byte offset, so nothing is lost uncounted.
 * Readers are plain Java ({@link kiln.jobs.ingest.IngestReader}); {@code spark.IngestJob} distributes them.
 */
package kiln.jobs.ingest;

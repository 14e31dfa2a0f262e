/** Book ingest: Project Gutenberg plain text (header and licence stripped) and EPUB. */
package kiln.jobs.ingest.books;

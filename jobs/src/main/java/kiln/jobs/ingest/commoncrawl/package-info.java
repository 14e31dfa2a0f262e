/**
 * Common Crawl by crawl id: the crawl's {@code warc.paths.gz}/{@code wet.paths.gz} listing, each listed file
 * fetched over HTTP(S) or a Hadoop file system with bounded retries and byte-range resume, then read by the same
 * readers as local files (docs/ingest.md, "Common Crawl by crawl id").
 */
package kiln.jobs.ingest.commoncrawl;

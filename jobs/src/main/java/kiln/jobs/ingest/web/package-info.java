/**
 * Web ingest: WARC/ARC/WET readers on jwarc, HTML charset detection, and the main-content extractor
 * ({@link kiln.jobs.ingest.web.MainTextExtractor}) that drops navigation and other boilerplate.
 */
package kiln.jobs.ingest.web;

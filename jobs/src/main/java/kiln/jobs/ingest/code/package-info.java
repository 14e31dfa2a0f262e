/**
 * Code ingest: source trees and archives (.zip/.jar, .tar, .tar.gz/.tgz, .tar.xz, .tar.bz2) to one document per
 * text source file, with language, repository and SPDX licence; vendored, generated, minified, binary and
 * oversized files and unsafe archive entries are rejected with reasons.
 */
package kiln.jobs.ingest.code;

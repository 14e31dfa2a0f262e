/** Exact-duplicate keys: hashes of normalised documents and lines. */
package kiln.dedup.exact;

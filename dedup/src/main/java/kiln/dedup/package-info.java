/**
 * Deduplication: exact document hashes, URL dedup, MinHash LSH near-duplicate detection and line-level
 * exact dedup. Pure-Java kernels live in {@code text}, {@code exact}, {@code minhash} and {@code graph};
 * the Spark stage and distributed connected components live in {@code spark}.
 */
package kiln.dedup;

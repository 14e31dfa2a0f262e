/**
 * Deduplication: exact document hashes, URL dedup, MinHash LSH near-duplicate detection, line-level exact
 * dedup, C4 sentence-span dedup, and incremental dedup against a persisted index of earlier runs. Pure-Java
 * kernels live in {@code text}, {@code exact}, {@code minhash}, {@code graph} and {@code index}; the Spark
 * stage, distributed connected components and index reading/writing live in {@code spark}.
 */
package kiln.dedup;

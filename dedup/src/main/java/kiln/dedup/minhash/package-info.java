/**
 * MinHash near-duplicate detection: shingles to signatures ({@link kiln.dedup.minhash.MinHashSignatures}),
 * signatures to LSH band keys ({@link kiln.dedup.minhash.LshBands}), and exact Jaccard verification of
 * candidate pairs ({@link kiln.dedup.minhash.JaccardVerifier}). All on primitive arrays.
 */
package kiln.dedup.minhash;

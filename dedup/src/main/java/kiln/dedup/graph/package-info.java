/** In-memory graph helpers for tests, evaluation and small inputs; Spark code never uses them. */
package kiln.dedup.graph;

/** Benchmark and evaluation mains run by {@code bench/dedup.sh}; not unit tests. */
package kiln.dedup.bench;

/**
 * Document filter kernels: pure Java, one filter per class, each a {@link kiln.filters.DocumentFilter} that
 * keeps or rejects a document with a reason {@code <filter>:<rule>} (rule = the config key that fired).
 * {@link kiln.filters.FilterChain} applies them in order; {@link kiln.filters.FilterRegistry} maps config
 * names to factories. Spark glue lives in {@code kiln.filters.spark}.
 */
package kiln.filters;

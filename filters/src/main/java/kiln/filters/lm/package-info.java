/**
 * N-gram language models in ARPA format (KenLM's text format): reading, scoring with KenLM's backoff rule,
 * perplexity as KenLM's {@code query} and CCNet report it, and the text normalisation CCNet applies first.
 */
package kiln.filters.lm;

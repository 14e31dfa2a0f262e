/**
 * Text measurement shared by the filters: Python string semantics ({@link kiln.filters.text.PyStr}, needed
 * to reproduce datatrove exactly) and word splitting ({@link kiln.filters.text.WordSplitter}): Unicode word
 * breaks via Lucene's ICU tokenizer (works for CJK and Thai), whitespace, and a re-implementation of spaCy's
 * rule-based English tokenizer for {@code compat: datatrove}.
 */
package kiln.filters.text;

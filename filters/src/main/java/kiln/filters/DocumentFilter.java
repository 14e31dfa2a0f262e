package kiln.filters;

import kiln.core.Document;

/**
 * A pure-Java filter kernel. Implementations are immutable and thread-safe unless documented otherwise;
 * {@link #apply} never throws on odd text (empty, only whitespace, huge lines).
 */
public interface DocumentFilter {

  /** Config name and reason prefix, snake_case ({@code gopher_quality}). */
  String name();

  FilterResult apply(Document d);
}

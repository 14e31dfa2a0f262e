package kiln.filters.pii;

import java.util.List;

/**
 * Finds spans of one {@link PiiType} in a text. Detectors are stateless after construction and thread-safe;
 * each one starts with a cheap pre-check (a character that must occur) so that text without candidates costs
 * one {@code indexOf}.
 */
public interface PiiDetector {
  PiiType type();

  /** Appends every span found in {@code text} to {@code out}; spans may overlap spans of other detectors. */
  void detect(String text, PiiContext context, List<PiiSpan> out);
}

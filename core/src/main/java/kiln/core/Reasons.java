package kiln.core;

import java.util.regex.Pattern;

/** Reason strings are {@code <filter>:<rule>}, where the rule is the config key that fired. */
public final class Reasons {
  private Reasons() {}

  private static final Pattern PART = Pattern.compile("[a-z0-9_]+");

  public static String of(String filter, String rule) {
    if (!PART.matcher(filter).matches() || !PART.matcher(rule).matches()) {
      throw new IllegalArgumentException("reason parts must be snake_case: " + filter + ":" + rule);
    }
    return filter + ':' + rule;
  }

  /** The filter part of a reason ({@code gopher_quality} of {@code gopher_quality:min_words}). */
  public static String filterOf(String reason) {
    int i = reason.indexOf(':');
    return i < 0 ? reason : reason.substring(0, i);
  }
}

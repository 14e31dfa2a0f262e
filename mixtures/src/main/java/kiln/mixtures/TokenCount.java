package kiln.mixtures;

import java.math.BigDecimal;

/**
 * Token counts as researchers write them: {@code 2500000}, {@code 500M}, {@code 2.5B}, {@code 1T}.
 * Suffixes are decimal (K = 10^3, M = 10^6, B or G = 10^9, T = 10^12), case-insensitive; the result
 * must be a whole number of tokens.
 */
public final class TokenCount {
  private TokenCount() {}

  /** The count, or {@link IllegalArgumentException} naming what is wrong. */
  public static long parse(String text) {
    String t = text.trim().replace("_", "");
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty token count");
    }
    long scale = switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
      case 'K' -> 1_000L;
      case 'M' -> 1_000_000L;
      case 'B', 'G' -> 1_000_000_000L;
      case 'T' -> 1_000_000_000_000L;
      default -> 1L;
    };
    String digits = scale == 1L ? t : t.substring(0, t.length() - 1).trim();
    BigDecimal v;
    try {
      v = new BigDecimal(digits).multiply(BigDecimal.valueOf(scale));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a token count (e.g. 2000000, 500M, 2.5B)");
    }
    try {
      return v.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number of tokens within range");
    }
  }

  /** A short human form: 1.5B, 20M, 12.3K, 999. */
  public static String format(long tokens) {
    long a = Math.abs(tokens);
    if (a >= 1_000_000_000_000L) {
      return trim(tokens / 1e12) + "T";
    }
    if (a >= 1_000_000_000L) {
      return trim(tokens / 1e9) + "B";
    }
    if (a >= 1_000_000L) {
      return trim(tokens / 1e6) + "M";
    }
    if (a >= 10_000L) {
      return trim(tokens / 1e3) + "K";
    }
    return Long.toString(tokens);
  }

  private static String trim(double v) {
    String s = String.format(java.util.Locale.ROOT, "%.2f", v);
    return s.replaceAll("\\.?0+$", "");
  }
}

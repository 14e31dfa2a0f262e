package kiln.filters.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber.CountryCodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The strict reading of a string that should be one phone number and nothing else (a form field, a labelled
 * test value), as opposed to libphonenumber's lenient {@code parse}, which skips leading and trailing junk,
 * reads letters as keypad digits ({@code 1-800-FLOWERS}), takes {@code x123} as an extension and removes a trunk
 * prefix written after the country code.
 *
 * <p>Accepted shape: digit groups, each optionally in parentheses, with at most one separator
 * ({@code space - . /}) between groups, optionally after a leading {@code +}; nothing before or after (no
 * whitespace, letters, extension). Then, for region {@code R}:
 * <ul>
 *   <li>{@code +CC rest}: the country code is the start of the first group (not split by a separator:
 *       {@code +3-585...} is no number), and {@code rest} is the national significant number exactly — a trunk
 *       prefix after the country code is accepted only in the conventional {@code (0)} form ({@code +44 (0)20 ...},
 *       {@code +31(0)6...}), not bare ({@code +81 090...}).</li>
 *   <li>R's international prefix ({@code 00}, {@code 011}, ...) + country code + national significant number,
 *       with the same {@code (0)} rule.</li>
 *   <li>a national number of R, with or without R's trunk prefix ({@code 0176 1234567}, {@code 176 1234567}).</li>
 *   <li>R's country code without the {@code +} ({@code 49 176 1234567}), as a second reading.</li>
 * </ul>
 */
public final class WholePhoneString {
  private WholePhoneString() {}

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /** Longest country calling code (ITU E.164). */
  private static final int MAX_CC_DIGITS = 3;

  /** The numbers {@code s} can be read as for {@code region}, most literal first; empty when not phone-shaped. */
  public static List<PhoneNumber> readings(String s, String region) {
    List<String> groups = groups(s);
    List<PhoneNumber> out = new ArrayList<>(2);
    if (groups == null) {
      return out;
    }
    boolean plus = s.charAt(0) == '+';
    // "(0)" right after the first group is the optional trunk prefix written after a country code.
    boolean zeroInParens = groups.size() > 2 && groups.get(1).equals("(0)");
    StringBuilder all = new StringBuilder();
    StringBuilder withoutZero = new StringBuilder();
    for (int g = 0; g < groups.size(); g++) {
      String digits = groups.get(g).replace("(", "").replace(")", "");
      all.append(digits);
      if (!(zeroInParens && g == 1)) {
        withoutZero.append(digits);
      }
    }
    if (plus) {
      addIfPresent(out, international(groups.get(0), zeroInParens ? withoutZero.toString() : all.toString()));
      return out;
    }
    if (zeroInParens) {
      PhoneNumber p = parse(withoutZero.toString(), region);
      if (p != null && p.getCountryCodeSource() == CountryCodeSource.FROM_NUMBER_WITH_IDD && literal(p, withoutZero)) {
        out.add(p);
      }
      return out;
    }
    PhoneNumber p = parse(all.toString(), region);
    if (p != null && (p.getCountryCodeSource() != CountryCodeSource.FROM_NUMBER_WITH_IDD || literal(p, all))) {
      out.add(p);
    }
    String cc = Integer.toString(UTIL.getCountryCodeForRegion(region));
    if (all.length() > cc.length() && all.indexOf(cc) == 0 && groups.get(0).startsWith(cc)) {
      addIfPresent(out, international(groups.get(0), all.toString()));
    }
    return out;
  }

  /** {@code +digits}, where the country code must lie within {@code firstGroup} and nothing is rewritten. */
  private static PhoneNumber international(String firstGroup, String digits) {
    for (int len = 1; len <= MAX_CC_DIGITS && len <= firstGroup.length(); len++) {
      char c = firstGroup.charAt(len - 1);
      if (c < '0' || c > '9') {
        return null;
      }
      int cc = Integer.parseInt(firstGroup.substring(0, len));
      if (UTIL.getRegionCodeForCountryCode(cc).equals("ZZ")) {
        continue; // country codes are prefix-free: at most one length names a country
      }
      PhoneNumber p = parse("+" + digits, "ZZ");
      return p != null && p.getCountryCode() == cc && literal(p, digits) ? p : null;
    }
    return null;
  }

  /** Whether {@code digits} end with the number's country code and national significant number, unchanged. */
  private static boolean literal(PhoneNumber p, CharSequence digits) {
    String tail = Integer.toString(p.getCountryCode()) + UTIL.getNationalSignificantNumber(p);
    String d = digits.toString();
    return d.endsWith(tail);
  }

  private static PhoneNumber parse(String digits, String region) {
    try {
      return UTIL.parseAndKeepRawInput(digits, region);
    } catch (NumberParseException e) {
      return null;
    }
  }

  private static void addIfPresent(List<PhoneNumber> out, PhoneNumber p) {
    if (p != null) {
      out.add(p);
    }
  }

  /**
   * The groups of {@code s} ({@code "123"} or {@code "(123)"}), the leading {@code +} dropped; null when {@code s}
   * is not digit groups with single separators.
   */
  static List<String> groups(String s) {
    int n = s.length();
    int i = 0;
    if (n > 0 && s.charAt(0) == '+') {
      i = 1;
    }
    List<String> out = new ArrayList<>();
    boolean needSeparatorOrGroup = false;
    while (i < n) {
      char c = s.charAt(i);
      if (needSeparatorOrGroup && " -./".indexOf(c) >= 0) {
        i++;
        if (i >= n) {
          return null; // trailing separator
        }
        c = s.charAt(i);
      }
      int start = i;
      if (c == '(') {
        i++;
        int d = i;
        while (i < n && Chars.isAsciiDigit(s.charAt(i))) {
          i++;
        }
        if (i == d || i >= n || s.charAt(i) != ')') {
          return null;
        }
        i++;
      } else if (Chars.isAsciiDigit(c)) {
        while (i < n && Chars.isAsciiDigit(s.charAt(i))) {
          i++;
        }
      } else {
        return null; // letters, whitespace at either end, a second separator, a '+' inside
      }
      out.add(s.substring(start, i));
      needSeparatorOrGroup = true;
    }
    return out.isEmpty() ? null : out;
  }
}

package kiln.filters.pii;

import java.util.regex.Pattern;

/**
 * National identity numbers that carry a checksum, so that a match is rarely a random number. Each scheme
 * is a scan pattern (anchored at a candidate start) and a validator; rules follow python-stdnum.
 */
public enum NationalIdScheme {
  /** Spanish DNI (8 digits + letter, {@code "TRWAGMYFPDXBNJZSQVHLCKE"[n mod 23]}) and NIE (X/Y/Z = 0/1/2 prefix). */
  ES_DNI("(?:\\d{8}|[XYZ]-?\\d{7})-?[A-Z]"),
  /** Chinese resident identity card: 6-digit area (known province prefix), birth date YYYYMMDD, 3 digits, ISO 7064 MOD 11-2 check (0-9, X). */
  CN_RIC("\\d{17}[0-9Xx]"),
  /** Finnish henkilötunnus: DDMMYY, century sign, individual number 002-899, check char of the 9 digits mod 31. */
  FI_HETU("\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y]"),
  /** Swedish personnummer written with its separator: (YY)YYMMDD-NNNC, Luhn over the 10 digits. */
  SE_PERSONNUMMER("(?:\\d{2})?\\d{6}[-+]\\d{4}"),
  /** Turkish T.C. Kimlik No: 11 digits, first non-zero, two check digits. */
  TR_TCKIMLIK("[1-9]\\d{10}"),
  /** South African ID: YYMMDD, 4 digits, citizenship 0-2, 1 digit, Luhn check. */
  ZA_IDNR("\\d{13}"),
  /** Norwegian fødselsnummer: DDMMYY (D- and H-numbers allowed), 3 digits, two mod-11 check digits. */
  NO_FODSELSNUMMER("\\d{11}");

  private final Pattern pattern;

  NationalIdScheme(String regex) {
    this.pattern = Pattern.compile(regex);
  }

  Pattern pattern() {
    return pattern;
  }

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static NationalIdScheme ofKey(String key) {
    for (NationalIdScheme s : values()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown national id scheme '" + key + "'");
  }

  /** Whole-string validation. */
  public boolean isValid(String raw) {
    String s = raw.toUpperCase(java.util.Locale.ROOT);
    if (!pattern.matcher(s).matches()) {
      return false;
    }
    return switch (this) {
      case ES_DNI -> esDni(s.replace("-", ""));
      case CN_RIC -> cnRic(s);
      case FI_HETU -> fiHetu(s);
      case SE_PERSONNUMMER -> sePersonnummer(s);
      case TR_TCKIMLIK -> trTckimlik(s);
      case ZA_IDNR -> zaIdnr(s);
      case NO_FODSELSNUMMER -> noFodselsnummer(s);
    };
  }

  private static boolean esDni(String s) {
    String digits = switch (s.charAt(0)) {
      case 'X' -> "0" + s.substring(1, 8);
      case 'Y' -> "1" + s.substring(1, 8);
      case 'Z' -> "2" + s.substring(1, 8);
      default -> s.substring(0, 8);
    };
    return "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(digits) % 23) == s.charAt(8);
  }

  /** First two digits of a Chinese area code: the province-level division (GB/T 2260). */
  private static final java.util.Set<Integer> CN_PROVINCES = java.util.Set.of(11, 12, 13, 14, 15, 21, 22, 23, 31, 32,
      33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83);

  private static boolean cnRic(String s) {
    if (!CN_PROVINCES.contains(num(s, 0, 2))) {
      return false;
    }
    if (!validDate(num(s, 6, 10), num(s, 10, 12), num(s, 12, 14)) || num(s, 6, 10) < 1900) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (s.charAt(i) - '0') * ((1 << (17 - i)) % 11);
    }
    int check = (12 - sum % 11) % 11;
    return s.charAt(17) == (check == 10 ? 'X' : (char) ('0' + check));
  }

  private static boolean fiHetu(String s) {
    char sign = s.charAt(6);
    int century = sign == '+' ? 1800 : (sign >= 'A' && sign <= 'F') ? 2000 : 1900;
    if (!validDate(century + num(s, 4, 6), num(s, 2, 4), num(s, 0, 2))) {
      return false;
    }
    int individual = num(s, 7, 10);
    if (individual < 2 || individual >= 900) {
      return false;
    }
    long n = Long.parseLong(s.substring(0, 6) + s.substring(7, 10));
    return "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) (n % 31)) == s.charAt(10);
  }

  private static boolean sePersonnummer(String s) {
    String d = s.replace("-", "").replace("+", "");
    if (d.length() == 12) {
      d = d.substring(2);
    }
    int month = num(d, 2, 4);
    int day = num(d, 4, 6);
    if (day > 60) {
      day -= 60; // samordningsnummer (co-ordination number)
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return false;
    }
    return Chars.luhn(d);
  }

  private static boolean trTckimlik(String s) {
    int[] d = new int[11];
    for (int i = 0; i < 11; i++) {
      d[i] = s.charAt(i) - '0';
    }
    int odd = d[0] + d[2] + d[4] + d[6] + d[8];
    int even = d[1] + d[3] + d[5] + d[7];
    int c1 = Math.floorMod(odd * 7 - even, 10);
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += d[i];
    }
    return d[0] != 0 && d[9] == c1 && d[10] == sum % 10;
  }

  private static boolean zaIdnr(String s) {
    int month = num(s, 2, 4);
    int day = num(s, 4, 6);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(2000 + num(s, 0, 2), month)) {
      return false;
    }
    return s.charAt(10) <= '2' && Chars.luhn(s);
  }

  private static boolean noFodselsnummer(String s) {
    int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    int s1 = 0;
    for (int i = 0; i < 9; i++) {
      s1 += (s.charAt(i) - '0') * w1[i];
    }
    int s2 = 0;
    for (int i = 0; i < 10; i++) {
      s2 += (s.charAt(i) - '0') * w2[i];
    }
    int k1 = (11 - s1 % 11) % 11;
    int k2 = (11 - s2 % 11) % 11;
    if (k1 == 10 || k2 == 10 || k1 != s.charAt(9) - '0' || k2 != s.charAt(10) - '0') {
      return false;
    }
    int day = num(s, 0, 2);
    int month = num(s, 2, 4);
    if (day > 40) {
      day -= 40; // D-number
    }
    if (month > 80) {
      month -= 80; // synthetic test number
    } else if (month > 40) {
      month -= 40; // H-number
    }
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s.substring(from, to));
  }

  static boolean validDate(int year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
  }

  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }
}

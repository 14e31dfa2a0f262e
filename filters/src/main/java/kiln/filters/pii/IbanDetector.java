package kiln.filters.pii;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * International Bank Account Numbers: country code, two check digits and the country's BBAN structure
 * (length and character classes from the SWIFT IBAN registry), then the ISO 7064 MOD 97-10 check (the
 * number with its first four characters moved to the end, letters as 10-35, is 1 modulo 97). In text the
 * number may be written compact or in the ISO 13616 print format (groups of four separated by single spaces;
 * also no-break spaces or hyphens, one kind throughout), in upper or lower case.
 */
public final class IbanDetector implements PiiDetector {

  /** BBAN structure per country in registry notation: n digits, a upper-case letters, c alphanumerics. */
  private static final String[] STRUCTURES = {
      "AD 8n12c", "AE 3n16n", "AL 8n16c", "AT 16n", "AZ 4a20c", "BA 16n", "BE 12n", "BG 4a6n8c", "BH 4a14c",
      "BI 5n5n11n2n", "BR 23n1a1c", "BY 4c4n16c", "CH 5n12c", "CR 18n", "CY 8n16c", "CZ 20n", "DE 18n",
      "DJ 5n5n11n2n", "DK 14n", "DO 4c20n", "DZ 22n", "EE 16n", "EG 25n", "ES 20n", "FI 14n", "FK 2a12n",
      "FO 14n", "FR 10n11c2n", "GB 4a14n", "GE 2a16n", "GI 4a15c", "GL 14n", "GR 7n16c", "GT 4c20c",
      "HN 4a20n", "HR 17n", "HU 24n", "IE 4a14n", "IL 19n", "IQ 4a15n", "IR 22n", "IS 22n", "IT 1a10n12c",
      "JO 4a4n18c", "KW 4a22c", "KZ 3n13c", "LB 4n20c", "LC 4a24c", "LI 5n12c", "LT 16n", "LU 3n13c",
      "LV 4a13c", "LY 21n", "MA 24n", "MC 10n11c2n", "MD 2c18c", "ME 18n", "MK 3n10c2n", "MN 16n", "MR 23n",
      "MT 4a5n18c", "MU 4a19n3a", "MZ 21n", "NI 4a20n", "NL 4a10n", "NO 11n", "OM 3n16c", "PK 4a16c",
      "PL 24n", "PS 4a21c", "PT 21n", "QA 4a21c", "RO 4a16c", "RS 18n", "RU 14n15c", "SA 2n18c",
      "SC 4a20n3a", "SD 14n", "SE 20n", "SI 15n", "SK 20n", "SM 1a10n12c", "SO 19n", "ST 21n", "SV 4a20n",
      "TL 19n", "TN 20n", "TR 6n16c", "UA 6n19c", "VA 18n", "VG 4a16n", "XK 16n", "YE 4a4n18c",
  };

  private static final Map<String, Pattern> BBAN = new HashMap<>();

  static {
    for (String s : STRUCTURES) {
      String cc = s.substring(0, 2);
      StringBuilder re = new StringBuilder();
      java.util.regex.Matcher m = Pattern.compile("(\\d+)([nac])").matcher(s.substring(3));
      while (m.find()) {
        String cls = switch (m.group(2)) {
          case "n" -> "[0-9]";
          case "a" -> "[A-Z]";
          default -> "[A-Z0-9]";
        };
        re.append(cls).append('{').append(m.group(1)).append('}');
      }
      BBAN.put(cc, Pattern.compile(re.toString()));
    }
  }

  @Override
  public PiiType type() {
    return PiiType.IBAN;
  }

  @Override
  public void detect(String text, PiiContext context, List<PiiSpan> out) {
    int n = text.length();
    StringBuilder compact = new StringBuilder(40);
    int[] ends = new int[40];
    for (int i = 0; i + 15 <= n; i++) {
      char c0 = text.charAt(i);
      if (!Chars.isAsciiLetter(c0) || Chars.wordBefore(text, i)) {
        continue;
      }
      char c1 = text.charAt(i + 1);
      if (!Chars.isAsciiLetter(c1) || !Chars.isAsciiDigit(text.charAt(i + 2)) || !Chars.isAsciiDigit(text.charAt(i + 3))) {
        continue;
      }
      Pattern bban = BBAN.get(text.substring(i, i + 2).toUpperCase(java.util.Locale.ROOT));
      if (bban == null) {
        continue;
      }
      compact.setLength(0);
      int e = i;
      char sep = 0;
      while (e < n && compact.length() < 34) {
        char c = text.charAt(e);
        if (Chars.isAsciiLetter(c) || Chars.isAsciiDigit(c)) {
          compact.append(Character.toUpperCase(c));
          ends[compact.length()] = e + 1;
          e++;
        } else if ((c == ' ' || c == '\u00A0' || c == '-') && (sep == 0 || sep == c) && e + 1 < n
            && Character.isLetterOrDigit(text.charAt(e + 1)) && compact.length() % 4 == 0) {
          // ISO 13616 print format: groups of four, the last one shorter; one separator kind throughout.
          sep = c;
          e++;
        } else {
          break;
        }
      }
      for (int len = compact.length(); len >= 15; len--) {
        int end = ends[len];
        if (Chars.wordAt(text, end)) {
          continue;
        }
        if (isValidCompact(compact.substring(0, len))) {
          out.add(PiiSpan.of(text, i, end, PiiType.IBAN));
          i = end - 1;
          break;
        }
      }
    }
  }

  /** Whole-string validation (validator.js {@code isIBAN}): spaces and hyphens removed, case ignored. */
  public static boolean isValid(String s) {
    return isValidCompact(s.replaceAll("[\\s\\-]+", "").toUpperCase(java.util.Locale.ROOT));
  }

  static boolean isValidCompact(String s) {
    if (s.length() < 15 || s.length() > 34) {
      return false;
    }
    Pattern bban = BBAN.get(s.substring(0, 2));
    if (bban == null || !Chars.isAsciiDigit(s.charAt(2)) || !Chars.isAsciiDigit(s.charAt(3))) {
      return false;
    }
    return bban.matcher(s.substring(4)).matches() && mod97(s) == 1;
  }

  /** The IBAN rearranged (first four characters last, letters as 10-35) modulo 97, computed digit by digit. */
  static int mod97(String s) {
    int r = 0;
    int n = s.length();
    for (int k = 0; k < n; k++) {
      char c = s.charAt((k + 4) % n);
      if (Chars.isAsciiDigit(c)) {
        r = (r * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        r = (r * 100 + (c - 'A' + 10)) % 97;
      } else {
        return -1;
      }
    }
    return r;
  }
}

package kiln.filters.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers, validated with libphonenumber's metadata.
 *
 * <p>Candidates: a run that starts with {@code +}, {@code (} or a digit (not inside a word, a longer number or a
 * dot-number; a phone word glued before it is a label: {@code call555-123-4567}, {@code Tel.555 ...}), made of
 * digits, single separators ({@code space . - /}) and parenthesised groups, holding {@link #MIN_DIGITS}-{@link
 * #MAX_DIGITS} digits ({@link #MIN_VALID_DIGITS} for numbers valid in a document region), optionally followed by
 * an extension ({@code x123}, {@code ext. 123}, {@code #123}, {@code ;ext=123}) that is redacted with it. A word
 * glued after the number ends it ({@code 555-123-4567now}). Shapes that are something else are skipped:
 * candidates starting with a date ({@code 2023-01-15}, {@code 12/27/1986 18}), followed by a time ({@code :37}),
 * dotted quads, decimal numbers, year ranges, numbers right after "ISBN".
 *
 * <p>A candidate is a phone number when
 * <ol>
 *   <li>it starts with {@code +} (or the international prefix {@code 00}) and libphonenumber finds it valid
 *       for its country code; or (1b) it is written in the E.123 international form ({@code +CC} as a group of its
 *       own, then digit groups) or as E.164 ({@code +} and 8 or more digits), the country code is assigned and the
 *       length is possible for its plan; or</li>
 *   <li>it is written with separators or parentheses and is a valid number for one of the document's
 *       regions ({@link PiiContext#regions()}: URL top-level domain, then language, then the configured
 *       defaults); or</li>
 *   <li>a phone word ({@code phone, tel, call, fax, mobile, cell, reach me, my number, ...}) occurs within
 *       {@link #CONTEXT_CHARS} characters and the candidate is written with separators — numbers in
 *       made-up or unknown numbering plans are still phone numbers when the text says so; or</li>
 *   <li>it has the North American written shape ({@code (NXX) NXX-XXXX}, {@code NXX-NXX-XXXX},
 *       {@code NXX.NXX.XXXX}, optionally after {@code 1-} or {@code +1}) and a +1 region is among the document's.</li>
 * </ol>
 * A bare digit run without separators and without a phone word is never reported (order numbers, ids).
 *
 * <p>"Valid" is the {@link PhoneValidator}'s check (config {@code phone.types}, {@code phone.validation}); by
 * default every type of number and only numbers in the plan's ranges. When the types are restricted (say to
 * mobiles), rules 1b, 3 and 4 are off: a number of an unknown plan or range has no type to check.
 */
public final class PhoneDetector implements PiiDetector {
  public static final int MIN_DIGITS = 7;
  public static final int MAX_DIGITS = 15;
  public static final int CONTEXT_CHARS = 40;

  private static final Pattern DATE = Pattern.compile(
      "(?:(?:1[5-9]|20)\\d{2}[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\\d|3[01])"
          + "|(?:0?[1-9]|[12]\\d|3[01])[-./](?:0?[1-9]|[12]\\d|3[01])[-./](?:(?:1[5-9]|20)\\d{2}|\\d{2})"
          + "|(?:1[5-9]|20)\\d{2}\\s?[-/]\\s?(?:1[5-9]|20)\\d{2})(?=$|\\s)");
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");
  private static final Pattern CONTEXT = Pattern.compile(
      "phone|tel\\b|tel\\.|telephone|call|fax|mobile|\\bmob\\b|cell|contact|whatsapp|sms|text (?:me|us)|desk|office|"
          + "reach (?:me|us|him|her|them)|voicemail|landline|helpline|(?:my|our|your|his|her|their) number|"
          + "dial|ring|hotline|telefon|téléphone|teléfono|телефон|電話|tlf|ph\\b|ph\\.|\\bm:|\\bt:|\\bp:");

  /**
   * Shortest number reported when it is valid for one of the document's regions (Greenland, Faroe Islands and
   * other plans have six-digit numbers); other rules need {@link #MIN_DIGITS}.
   */
  public static final int MIN_VALID_DIGITS = 6;
  /**
   * How North American numbers are written: {@code (NXX) NXX-XXXX}, {@code (NXX)NXX-XXXX}, {@code NXX-NXX-XXXX},
   * {@code NXX.NXX.XXXX}, optionally after {@code 1-} / {@code +1 }; one separator kind between the last groups.
   */
  private static final Pattern NANP = Pattern.compile(
      "(?:\\+?1[-. ]?)?(?:\\(\\d{3}\\) ?\\d{3}[-.]|\\d{3}-\\d{3}-|\\d{3}\\.\\d{3}\\.)\\d{4}");

  private final PhoneValidator validator;

  /** All types, valid numbers only: {@link PhoneValidator#defaults()}. */
  public PhoneDetector() {
    this(PhoneValidator.defaults());
  }

  public PhoneDetector(PhoneValidator validator) {
    if (validator == null) {
      throw new IllegalArgumentException("validator must not be null");
    }
    this.validator = validator;
  }

  @Override
  public PiiType type() {
    return PiiType.PHONE;
  }

  @Override
  public void detect(String text, PiiContext context, List<PiiSpan> out) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      boolean startChar = Chars.isAsciiDigit(c) || ((c == '+' || c == '(') && i + 1 < n
          && Chars.isAsciiDigit(text.charAt(i + 1)));
      if (!startChar || !boundaryBefore(text, i)) {
        i++;
        continue;
      }
      int end = scan(text, i);
      if (end < 0) {
        // Not phone-shaped: skip the whole run of digit groups, so that its tail is not retried on its own.
        i++;
        while (i < n && (Chars.isAsciiDigit(text.charAt(i)) || (" .-/".indexOf(text.charAt(i)) >= 0
            && i + 1 < n && Chars.isAsciiDigit(text.charAt(i + 1))))) {
          i++;
        }
        continue;
      }
      int ext = extension(text, end);
      String candidate = text.substring(i, end);
      if (accept(text, i, end, candidate, context)) {
        out.add(PiiSpan.of(text, i, ext, PiiType.PHONE));
        i = ext;
      } else {
        i = end;
      }
    }
  }

  /** End of a phone-shaped run starting at {@code i}, or -1. */
  private static int scan(String t, int i) {
    int n = t.length();
    int digits = 0;
    int e = i;
    int lastDigitEnd = -1;
    boolean open = false;
    if (t.charAt(e) == '+') {
      e++;
    }
    while (e < n) {
      char c = t.charAt(e);
      if (Chars.isAsciiDigit(c)) {
        digits++;
        e++;
        lastDigitEnd = e;
        if (digits > MAX_DIGITS) {
          return -1;
        }
      } else if (c == '(' && !open && e + 1 < n && Chars.isAsciiDigit(t.charAt(e + 1))) {
        open = true;
        e++;
      } else if (c == ')' && open) {
        open = false;
        e++;
        if (e < n && t.charAt(e) == ' ') {
          e++;
        }
      } else if ((c == ' ' || c == '.' || c == '-' || c == '/') && e + 1 < n
          && (Chars.isAsciiDigit(t.charAt(e + 1)) || t.charAt(e + 1) == '(')) {
        e++;
      } else {
        break;
      }
    }
    if (open || digits < MIN_VALID_DIGITS || lastDigitEnd < 0) {
      return -1;
    }
    if (Chars.wordAt(t, lastDigitEnd) && !gluedWordAfter(t, lastDigitEnd)
        && !EXTENSION.matcher(t).region(lastDigitEnd, Math.min(n, lastDigitEnd + 24)).lookingAt()) {
      return -1;
    }
    return lastDigitEnd;
  }

  /**
   * Whether a number may start at {@code i}: not inside a word or a longer number. A phone word glued to it
   * ({@code call555-123-4567}, {@code Tel.555 123 4567}) is a label; any other word, a digit, {@code -}, {@code /}
   * or {@code +} before it means the digits continue something else (a GUID, a user agent's version, a code).
   */
  private static boolean boundaryBefore(String t, int i) {
    if (i == 0) {
      return true;
    }
    char p = t.charAt(i - 1);
    if (p == '.' && (i < 2 || t.charAt(i - 2) == '.' || !Chars.isWord(t.charAt(i - 2)))) {
      return true; // an ellipsis or a lone dot ("call me...555-123-4567")
    }
    int w = p == '.' ? i - 1 : i;
    if (p == '.' || Chars.isWord(p)) {
      if (!Chars.lettersGluedBefore(t, w)) {
        return false;
      }
      int k = w;
      while (k > 0 && Character.isLetter(t.charAt(k - 1))) {
        k--;
      }
      return k == 0 || " \t\n(\"'[<{:;,".indexOf(t.charAt(k - 1)) >= 0
          ? GLUED_LABEL.matcher(t.substring(k, w).toLowerCase(java.util.Locale.ROOT)).matches() : false;
    }
    return p != '-' && p != '+' && p != '/';
  }

  /** Phone words that may be glued to the number they label. */
  private static final Pattern GLUED_LABEL = Pattern.compile(
      "tel|phone|telephone|call|fax|mobile|mob|cell|ph|tlf|telefon|whatsapp|sms|dial|hotline");

  /**
   * Whether a word glued after the number ends it ({@code 555-123-4567now}): two or more letters running to a space
   * or punctuation, not into another code ({@code 059c-4dd1}).
   */
  private static boolean gluedWordAfter(String t, int i) {
    int n = t.length();
    int k = i;
    while (k < n && Character.isLetter(t.charAt(k))) {
      k++;
    }
    return k - i >= 2 && (k == n || (!Chars.isWord(t.charAt(k)) && "-/_@".indexOf(t.charAt(k)) < 0));
  }

  /**
   * End of an extension after {@code end}: {@code x123}, {@code x 123}, {@code ext. 123}, {@code ext123},
   * {@code extension 123}, {@code #123}, {@code ;ext=123} (RFC 3966), optionally after a space or comma; or
   * {@code end} when none follows.
   */
  private static int extension(String t, int end) {
    java.util.regex.Matcher m = EXTENSION.matcher(t);
    m.region(end, Math.min(t.length(), end + 24));
    m.useTransparentBounds(true);
    if (!m.lookingAt()) {
      return end;
    }
    int d = m.end();
    return Chars.wordAt(t, d) && !gluedWordAfter(t, d) ? end : d;
  }

  private static final Pattern EXTENSION = Pattern.compile(
      "(?:,? ?(?:(?i:ext(?:ension)?)\\.?:? ?|[xX#] ?)|;ext=)\\d{1,6}(?!\\d)");

  private boolean accept(String text, int start, int end, String cand, PiiContext context) {
    if (DATE.matcher(cand).lookingAt() || DOTTED_QUAD.matcher(cand).matches() || DECIMAL.matcher(cand).matches()) {
      return false;
    }
    if (end + 1 < text.length() && text.charAt(end) == ':' && Chars.isAsciiDigit(text.charAt(end + 1))) {
      return false; // a time of day ("18:37") or a ratio
    }
    boolean plus = cand.charAt(0) == '+';
    // "E164 +14155552671": a '+' starts a number of its own, whatever code precedes it.
    if ((!plus && Chars.codeTokenBefore(text, start)) || Chars.window(text, start - 12, start).contains("isbn")) {
      return false;
    }
    boolean formatted = false;
    for (int k = 0; k < cand.length(); k++) {
      char c = cand.charAt(k);
      if (!Chars.isAsciiDigit(c) && c != '+') {
        formatted = true;
        break;
      }
    }
    if (plus || cand.startsWith("00")) {
      String intl = plus ? cand : "+" + cand.substring(2);
      if (validator.acceptsCandidate(intl, "ZZ")) {
        return true;
      }
      // Rule 1b: E.123 (+CC, a space or hyphen, then digit groups) or E.164 (+CC and 8 or more digits, no
      // separators) of a known country code, with a length its plan allows: the standard's own "+31 42 123 4567"
      // is in no range of the Dutch plan. In E.123 the country code is a group of its own, so "+12 345 678"
      // (a signed number grouped by thousands; country code 1) is no phone number.
      if (validator.allTypes() && (formatted ? countryCodeGroup(intl) : digitCount(cand) >= 8)
          && validator.acceptsPossibleInternational(intl)) {
        return true;
      }
    }
    if (digitCount(cand) < MIN_DIGITS) {
      // Short numbers only when valid in one of the document's regions (rule 2) and written in three or more
      // groups ("32 12 34"; not "12/2020").
      if (groups(cand) < 3) {
        return false;
      }
      for (String region : context.regions()) {
        if (validator.acceptsCandidate(cand, region)) {
          return true;
        }
      }
      return false;
    }
    if (formatted && validator.allTypes() && hasContext(text, start, end)) {
      return true; // rule 3; no need to ask libphonenumber (which could not tell the type of an unknown plan)
    }
    if (formatted && validator.allTypes() && NANP.matcher(cand).matches() && nanpRegion(context)) {
      return true; // rule 4: the NANP written shape, in a document that may hold +1 numbers
    }
    if (formatted) {
      for (String region : context.regions()) {
        if (validator.acceptsCandidate(cand, region)) {
          return true;
        }
      }
      return false;
    }
    if (cand.charAt(0) != '+') {
      // Bare digit runs are phones only with a phone word and a valid number.
      if (!hasContext(text, start, end)) {
        return false;
      }
      for (String region : context.regions()) {
        if (validator.acceptsCandidate(cand, region)) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  private static int groups(String s) {
    int g = 0;
    for (int k = 0; k < s.length(); k++) {
      if (Chars.isAsciiDigit(s.charAt(k)) && (k == 0 || !Chars.isAsciiDigit(s.charAt(k - 1)))) {
        g++;
      }
    }
    return g;
  }

  private static int digitCount(String s) {
    int d = 0;
    for (int k = 0; k < s.length(); k++) {
      d += Chars.isAsciiDigit(s.charAt(k)) ? 1 : 0;
    }
    return d;
  }

  /** Whether {@code +CC...}'s first digit group is exactly the country code libphonenumber reads. */
  private static boolean countryCodeGroup(String intl) {
    int k = 1;
    while (k < intl.length() && Chars.isAsciiDigit(intl.charAt(k))) {
      k++;
    }
    if (k == 1 || k > 4 || k >= intl.length()) {
      return false;
    }
    return PhoneValidator.isCountryCode(Integer.parseInt(intl.substring(1, k)));
  }

  private static boolean nanpRegion(PiiContext context) {
    for (String r : context.regions()) {
      if (PhoneValidator.countryCode(r) == 1) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasContext(String text, int start, int end) {
    String w = Chars.window(text, start - CONTEXT_CHARS, end + CONTEXT_CHARS);
    return CONTEXT.matcher(w).find();
  }

  /** Whether libphonenumber has metadata for {@code region}. */
  public static boolean supportsRegion(String region) {
    return PhoneValidator.supportsRegion(region);
  }
}

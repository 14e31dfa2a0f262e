package kiln.filters.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers, validated with libphonenumber's metadata.
 *
 * <p>Candidates: a run that starts with {@code +}, {@code (} or a digit (not touching a word character or
 * a dot-number), made of digits, single separators ({@code space . - /}) and parenthesised groups, holding
 * {@link #MIN_DIGITS}-{@link #MAX_DIGITS} digits, optionally followed by an extension ({@code x123},
 * {@code ext. 123}). Shapes that are something else are skipped: candidates starting with a date
 * ({@code 2023-01-15}, {@code 12/27/1986 18}), followed by a time ({@code :37}), dotted quads, decimal numbers,
 * year ranges, numbers right after "ISBN".
 *
 * <p>A candidate is a phone number when
 * <ol>
 *   <li>it starts with {@code +} (or the international prefix {@code 00}) and libphonenumber finds it valid
 *       for its country code; or</li>
 *   <li>it is written with separators or parentheses and is a valid number for one of the document's
 *       regions ({@link PiiContext#regions()}: URL top-level domain, then language, then the configured
 *       defaults); or</li>
 *   <li>a phone word ({@code phone, tel, call, fax, mobile, cell, ...}) occurs within
 *       {@link #CONTEXT_CHARS} characters and the candidate is written with separators — numbers in
 *       made-up or unknown numbering plans are still phone numbers when the text says so.</li>
 * </ol>
 * A bare digit run without separators and without a phone word is never reported (order numbers, ids).
 *
 * <p>"Valid" is the {@link PhoneValidator}'s check (config {@code phone.types}, {@code phone.validation}); by
 * default every type of number and only numbers in the plan's ranges. When the types are restricted (say to
 * mobiles), rule 3 is off: a number of an unknown plan has no type to check.
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
      "phone|tel\\b|tel\\.|telephone|call|fax|mobile|\\bmob\\b|cell|contact|whatsapp|sms|text me|desk|office|"
          + "dial|ring|hotline|telefon|téléphone|teléfono|телефон|電話|tlf|ph\\b|ph\\.|\\bm:|\\bt:|\\bp:");

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
      if (!startChar || Chars.wordBefore(text, i) || (i > 0 && (text.charAt(i - 1) == '.' || text.charAt(i - 1) == '-'
          || text.charAt(i - 1) == '/' || text.charAt(i - 1) == '+'))) {
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
    if (open || digits < MIN_DIGITS || lastDigitEnd < 0) {
      return -1;
    }
    if (Chars.wordAt(t, lastDigitEnd) && !(lastDigitEnd < n && (t.charAt(lastDigitEnd) == 'x'
        || t.charAt(lastDigitEnd) == 'e'))) {
      return -1;
    }
    return lastDigitEnd;
  }

  /** End of an extension {@code x123}, {@code ext. 123}, {@code ext 123} after {@code end}, or {@code end}. */
  private static int extension(String t, int end) {
    int n = t.length();
    int e = end;
    if (e < n && t.charAt(e) == ' ') {
      e++;
    }
    if (e < n && t.charAt(e) == 'x') {
      e++;
    } else if (t.startsWith("ext", e)) {
      e += 3;
      if (e < n && t.charAt(e) == '.') {
        e++;
      }
      if (e < n && t.charAt(e) == ' ') {
        e++;
      }
    } else {
      return end;
    }
    int d = e;
    while (d < n && d - e < 6 && Chars.isAsciiDigit(t.charAt(d))) {
      d++;
    }
    return d > e && !Chars.wordAt(t, d) ? d : end;
  }

  private boolean accept(String text, int start, int end, String cand, PiiContext context) {
    if (DATE.matcher(cand).lookingAt() || DOTTED_QUAD.matcher(cand).matches() || DECIMAL.matcher(cand).matches()) {
      return false;
    }
    if (end + 1 < text.length() && text.charAt(end) == ':' && Chars.isAsciiDigit(text.charAt(end + 1))) {
      return false; // a time of day ("18:37") or a ratio
    }
    if (Chars.codeTokenBefore(text, start) || Chars.window(text, start - 12, start).contains("isbn")) {
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
    if (cand.charAt(0) == '+' || cand.startsWith("00")) {
      String intl = cand.charAt(0) == '+' ? cand : "+" + cand.substring(2);
      if (validator.acceptsCandidate(intl, "ZZ")) {
        return true;
      }
    }
    if (formatted && validator.allTypes() && hasContext(text, start, end)) {
      return true; // rule 3; no need to ask libphonenumber (which could not tell the type of an unknown plan)
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

  private static boolean hasContext(String text, int start, int end) {
    String w = Chars.window(text, start - CONTEXT_CHARS, end + CONTEXT_CHARS);
    return CONTEXT.matcher(w).find();
  }

  /** Whether libphonenumber has metadata for {@code region}. */
  public static boolean supportsRegion(String region) {
    return PhoneValidator.supportsRegion(region);
  }
}

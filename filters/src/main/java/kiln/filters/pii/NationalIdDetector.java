package kiln.filters.pii;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * National identity numbers of the configured {@link NationalIdScheme schemes}. Candidates start at a digit
 * run of at least six digits (or a NIE letter before one) that does not touch a word character; each scheme's
 * pattern is tried there in declaration order and the first that matches and validates wins.
 */
public final class NationalIdDetector implements PiiDetector {
  public static final Set<NationalIdScheme> DEFAULT_SCHEMES = EnumSet.allOf(NationalIdScheme.class);

  private final NationalIdScheme[] schemes;

  public NationalIdDetector(Set<NationalIdScheme> schemes) {
    if (schemes.isEmpty()) {
      throw new IllegalArgumentException("schemes: must name at least one scheme");
    }
    this.schemes = EnumSet.copyOf(schemes).toArray(new NationalIdScheme[0]);
  }

  @Override
  public PiiType type() {
    return PiiType.NATIONAL_ID;
  }

  @Override
  public void detect(String text, PiiContext context, List<PiiSpan> out) {
    int n = text.length();
    Matcher[] ms = new Matcher[schemes.length];
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!Chars.isAsciiDigit(c)) {
        i++;
        continue;
      }
      int runEnd = i;
      while (runEnd < n && Chars.isAsciiDigit(text.charAt(runEnd))) {
        runEnd++;
      }
      int start = i;
      if (i > 0 && "XYZ".indexOf(text.charAt(i - 1)) >= 0 && !Chars.wordBefore(text, i - 1)) {
        start = i - 1;
      } else if (i > 1 && text.charAt(i - 1) == '-' && "XYZ".indexOf(text.charAt(i - 2)) >= 0 && !Chars.wordBefore(text, i - 2)) {
        start = i - 2;
      }
      int end = -1;
      if (runEnd - i >= 6 && (start < i || !Chars.wordBefore(text, i))) {
        for (int k = 0; k < schemes.length && end < 0; k++) {
          if (ms[k] == null) {
            ms[k] = schemes[k].pattern().matcher(text);
          }
          Matcher m = ms[k];
          m.region(start, Math.min(n, start + 24));
          if (m.lookingAt() && !Chars.wordAt(text, m.end()) && schemes[k].isValid(text.substring(start, m.end()))) {
            end = m.end();
          }
        }
      }
      if (end > 0) {
        out.add(PiiSpan.of(text, start, end, PiiType.NATIONAL_ID));
        i = end;
      } else {
        i = runEnd;
      }
    }
  }
}

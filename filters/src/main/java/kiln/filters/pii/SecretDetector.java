package kiln.filters.pii;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials in code and configuration:
 * <ul>
 *   <li>PEM private-key blocks, {@code -----BEGIN ... PRIVATE KEY-----} through the matching END line (or
 *       the end of the text when it is cut off);</li>
 *   <li>cloud and service tokens with a fixed prefix: AWS access key ids ({@code AKIA|ASIA|AGPA|AIDA|AROA|
 *       AIPA|ANPA|ANVA} + 16 upper-case alphanumerics), GitHub ({@code ghp_ gho_ ghu_ ghs_ ghr_} + 36,
 *       {@code github_pat_} + 82), GitLab ({@code glpat-} + 20), Slack ({@code xoxb- xoxp- xoxa- xoxr- xoxs-}
 *       and webhook URLs), Google API keys ({@code AIza} + 35), Stripe live keys ({@code sk_live_},
 *       {@code rk_live_});</li>
 *   <li>values assigned to names containing {@code password, passwd, pwd, secret, token, api_key, apikey,
 *       access_key, private_key, credentials}: {@code name = "value"}, {@code name: value}, {@code "name": "value"}.
 *       A quoted value needs at least {@link #DEFAULT_MIN_QUOTED_LENGTH} characters, an unquoted one
 *       {@link #DEFAULT_MIN_UNQUOTED_LENGTH} with letters and digits; both need a Shannon entropy of at least
 *       {@code min_entropy} bits per character and must not look like a placeholder ({@code ${VAR}},
 *       {@code <...>}, {@code changeme}, {@code xxxx}, {@code your_...}). Only the value is a span.</li>
 * </ul>
 */
public final class SecretDetector implements PiiDetector {
  public static final double DEFAULT_MIN_ENTROPY = 3.0;
  public static final int DEFAULT_MIN_QUOTED_LENGTH = 8;
  public static final int DEFAULT_MIN_UNQUOTED_LENGTH = 12;

  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----");
  private static final Pattern TOKENS = Pattern.compile(
      "(?:A(?:KIA|SIA|GPA|IDA|ROA|IPA|NPA|NVA)[A-Z0-9]{16}"
          + "|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}"
          + "|glpat-[A-Za-z0-9_\\-]{20}"
          + "|xox[bpars]-[A-Za-z0-9\\-]{10,}"
          + "|https://hooks\\.slack\\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+"
          + "|AIza[0-9A-Za-z_\\-]{35}"
          + "|[sr]k_live_[0-9A-Za-z]{24,})");
  private static final String AWS_OR_GOOGLE = "AKIA ASIA AGPA AIDA AROA AIPA ANPA ANVA AIza";
  private static final String[] NAMES = {
      "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey",
      "private_key", "privatekey", "credentials"};
  private static final Pattern PLACEHOLDER = Pattern.compile(
      "(?i).*(\\$\\{|\\{\\{|<[a-z_ -]+>|%\\(|changeme|change_me|example|placeholder|your[_-]|xxxx|\\*\\*\\*|\\.\\.\\.|"
          + "redacted|dummy|secret_here|password_here|none|null|undefined|true|false).*");

  private final double minEntropy;

  public SecretDetector(double minEntropy) {
    if (!(minEntropy >= 0 && minEntropy <= 8)) {
      throw new IllegalArgumentException("min_entropy: must be in [0, 8] bits per char, got " + minEntropy);
    }
    this.minEntropy = minEntropy;
  }

  @Override
  public PiiType type() {
    return PiiType.SECRET;
  }

  @Override
  public void detect(String text, PiiContext context, List<PiiSpan> out) {
    if (text.indexOf("PRIVATE KEY") >= 0) {
      pem(text, out);
    }
    // One pass: token prefixes are recognised by their first character, assignments by '=' or ':'.
    int n = text.length();
    Matcher tokens = null;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 128 || !TRIGGER[c]) {
        continue;
      }
      int ts = tokenStart(text, i, c);
      if (ts >= 0 && !Chars.wordBefore(text, ts)) {
        if (tokens == null) {
          tokens = TOKENS.matcher(text);
        }
        tokens.region(ts, Math.min(n, ts + 200));
        if (tokens.lookingAt() && !Chars.wordAt(text, tokens.end())) {
          out.add(PiiSpan.of(text, ts, tokens.end(), PiiType.SECRET));
          i = tokens.end() - 1;
        }
      } else if (c == '=' || c == ':') {
        int end = assignment(text, i, out);
        if (end > i) {
          i = end - 1;
        }
      }
    }
  }

  /** Characters at which a token or an assignment can be recognised; everything else is skipped by one lookup. */
  private static final boolean[] TRIGGER = new boolean[128];

  static {
    for (char c : "Agxk.=:".toCharArray()) {
      TRIGGER[c] = true;
    }
  }

  /** Start of a prefixed token recognised at trigger char {@code c} at {@code i}, or -1. */
  private static int tokenStart(String t, int i, char c) {
    int n = t.length();
    switch (c) {
      case 'A':
        if (i + 4 <= n && "KSGIRN".indexOf(t.charAt(i + 1)) >= 0) {
          String p = t.substring(i, i + 4);
          return AWS_OR_GOOGLE.contains(p) ? i : -1;
        }
        return -1;
      case 'g':
        if (i + 1 < n && "hli".indexOf(t.charAt(i + 1)) >= 0
            && (t.startsWith("gh", i) || t.startsWith("glpat-", i) || t.startsWith("github_pat_", i))) {
          return i;
        }
        return -1;
      case 'x':
        return t.startsWith("xox", i) ? i : -1;
      case 'k':
        return i > 0 && (t.charAt(i - 1) == 's' || t.charAt(i - 1) == 'r') && t.startsWith("k_live_", i) ? i - 1 : -1;
      case '.':
        return i >= 13 && t.startsWith(".slack.com/services/", i) && t.startsWith("https://hooks", i - 13) ? i - 13 : -1;
      default:
        return -1;
    }
  }

  private static void pem(String text, List<PiiSpan> out) {
    Matcher m = PEM_BEGIN.matcher(text);
    int from = 0;
    while (m.find(from)) {
      String endLine = "-----END " + m.group(1) + "PRIVATE KEY";
      int e = text.indexOf(endLine, m.end());
      int end;
      if (e < 0) {
        end = text.length();
      } else {
        end = text.indexOf("-----", e + endLine.length());
        end = end < 0 ? text.length() : end + 5;
      }
      out.add(PiiSpan.of(text, m.start(), end, PiiType.SECRET));
      from = end;
      if (from >= text.length()) {
        break;
      }
    }
  }

  /** Checks the assignment whose operator is at {@code i}; returns the end of the secret value found, or -1. */
  private int assignment(String text, int i, List<PiiSpan> out) {
    int n = text.length();
    char c = text.charAt(i);
    // The name before the operator: skip closing quote and spaces, then read identifier chars.
    int k = i - 1;
    while (k >= 0 && text.charAt(k) == ' ') {
      k--;
    }
    if (k >= 0 && (text.charAt(k) == '"' || text.charAt(k) == '\'')) {
      k--;
    }
    int nameEnd = k + 1;
    while (k >= 0 && nameEnd - k <= 40 && (Chars.isWord(text.charAt(k)) || text.charAt(k) == '-' || text.charAt(k) == '.')) {
      k--;
    }
    if (nameEnd - (k + 1) < 3 || !secretName(text.substring(k + 1, nameEnd))) {
      return -1;
    }
    int v = i + 1;
    if (c == ':' && v < n && text.charAt(v) == '=') {
      v++; // :=
    }
    if (c == '=' && v < n && text.charAt(v) == '=') {
      return -1; // comparison
    }
    while (v < n && text.charAt(v) == ' ') {
      v++;
    }
    if (v >= n) {
      return -1;
    }
    char q = text.charAt(v);
    int vs;
    int ve;
    boolean quoted = q == '"' || q == '\'' || q == '`';
    if (quoted) {
      vs = v + 1;
      ve = text.indexOf(q, vs);
      if (ve < 0 || ve - vs > 200 || text.substring(vs, ve).indexOf('\n') >= 0) {
        return -1;
      }
    } else {
      vs = v;
      ve = vs;
      while (ve < n && !Character.isWhitespace(text.charAt(ve)) && ",;)]}\"'".indexOf(text.charAt(ve)) < 0) {
        ve++;
      }
    }
    if (isSecretValue(text.substring(vs, ve), quoted)) {
      out.add(PiiSpan.of(text, vs, ve, PiiType.SECRET));
      return ve;
    }
    return -1;
  }

  private static boolean secretName(String name) {
    String l = name.toLowerCase(Locale.ROOT);
    for (String s : NAMES) {
      if (l.contains(s)) {
        return !l.endsWith("_length") && !l.endsWith("_type") && !l.endsWith("_name") && !l.endsWith("_field")
            && !l.endsWith("_file") && !l.endsWith("_path") && !l.endsWith("_url");
      }
    }
    return false;
  }

  boolean isSecretValue(String v, boolean quoted) {
    int len = v.length();
    if (len < (quoted ? DEFAULT_MIN_QUOTED_LENGTH : DEFAULT_MIN_UNQUOTED_LENGTH) || len > 200) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    for (int i = 0; i < len; i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c)) {
        return false;
      }
      letter |= Character.isLetter(c);
      digit |= Character.isDigit(c);
    }
    if (!quoted && !(letter && digit)) {
      return false;
    }
    if (!quoted && (v.contains("(") || v.startsWith("$") || v.startsWith("os.") || v.startsWith("process.")
        || v.startsWith("self.") || v.startsWith("this.") || v.startsWith("config."))) {
      return false;
    }
    return entropy(v) >= minEntropy && !PLACEHOLDER.matcher(v).matches();
  }

  /** Shannon entropy of the characters of {@code s} in bits per character. */
  public static double entropy(String s) {
    java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
    for (int i = 0; i < s.length(); i++) {
      counts.merge(s.charAt(i), 1, Integer::sum);
    }
    double h = 0;
    double n = s.length();
    for (int c : counts.values()) {
      double p = c / n;
      h -= p * (Math.log(p) / Math.log(2));
    }
    return h;
  }
}

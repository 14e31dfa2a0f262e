package kiln.filters.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A re-implementation of spaCy 3's rule-based English tokenizer ({@code spacy.blank("en")}) and its
 * {@code sentencizer}, as datatrove uses them for English: words are the non-whitespace tokens, stripped.
 *
 * <p>Algorithm (spaCy {@code Tokenizer._split_affixes} / {@code _attach_tokens}): text is cut into runs of
 * non-whitespace ({@code str.isspace}); for each run, unless it is a special case, prefixes are split off
 * the front and suffixes off the back repeatedly (prefix regex: first alternative matching at 0; suffix
 * regex: leftmost match ending at the end), stopping at a special case; the rest is kept whole when it is a
 * URL, else cut at infixes. Patterns follow {@code spacy/lang/punctuation.py}, {@code lang/en/punctuation.py}
 * and {@code lang/char_classes.py}, with Unicode properties for spaCy's letter ranges.
 *
 * <p>Known gaps: special cases cover contractions (don't, I'm, can't, ...), common abbreviations (Mr., e.g.,
 * a.m., months, US states) and single letters with a period; spaCy's emoticon specials and its retokenizing
 * special-case matcher are not reproduced (emoticons like {@code :)} become two tokens instead of one).
 */
public final class SpacyEnglishTokenizer implements WordSplitter {
  public static final SpacyEnglishTokenizer INSTANCE = new SpacyEnglishTokenizer();

  private static final String PUNCT_LIST =
      "… …… , : ; \\! \\? ¿ ؟ ¡ \\( \\) \\[ \\] \\{ \\} < > _ # \\* & 。 ？ ！ ， 、 ； ： ～ · । ، ۔ ؛ ٪";
  private static final String QUOTES_LIST = "\\' \" ” “ ` ‘ ´ ’ ‚ , „ » « 「 」 『 』 （ ） 〔 〕 【 】 《 》 〈 〉 〈 〉 ⟦ ⟧";
  private static final String CURRENCY_LIST = "\\$ £ € ¥ ฿ US\\$ C\\$ A\\$ ₽ ﷼ ₴ ₠ ₡ ₢ ₣ ₤ ₥ ₦ ₧ ₨ ₩ ₪ ₫ € ₭ ₮ ₯ ₰ ₱ ₲ ₳ ₴ ₵ ₶ ₷ ₸ ₹ ₺ ₻ ₼ ₽ ₾ ₿";
  private static final String UNITS_LIST = "km km² km³ m m² m³ dm dm² dm³ cm cm² cm³ mm mm² mm³ ha µm nm yd in ft "
      + "kg g mg µg t lb oz m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB T G M K % км км² км³ м м² м³ дм "
      + "дм² дм³ см см² см³ мм мм² мм³ нм кг г мг м/с км/ч кПа Па мбар Кб КБ кб Мб МБ мб Гб ГБ гб Тб ТБ тб";
  private static final String HYPHENS = "-|–|—|--|---|——|~";
  private static final String ICONS = "[\\p{So}&&[^°]]";
  private static final String AL = "\\p{Ll}";
  private static final String AU = "\\p{Lu}";
  private static final String A = "\\p{L}";

  private static final Pattern PREFIX;
  private static final Pattern SUFFIX;
  static final Pattern INFIX;
  private static final Pattern URL = Pattern.compile(
      "(?:(?:[\\w+\\-.]{2,})://)?(?:\\S+(?::\\S*)?@)?"
          + "(?:(?:[A-Za-z0-9\\u00a1-\\uffff][A-Za-z0-9\\u00a1-\\uffff_-]{0,62})?[A-Za-z0-9\\u00a1-\\uffff]\\.)+"
          + "(?:[a-z\\u00a1-\\uffff]{2,63}\\.?)(?::\\d{2,5})?(?:[/?#]\\S*)?", Pattern.UNICODE_CHARACTER_CLASS);

  private static final CodePointSet PREFIX_FIRST = new CodePointSet();
  private static final CodePointSet SUFFIX_LAST = new CodePointSet();
  private static final CodePointSet INFIX_CHARS = new CodePointSet();
  /**
   * Last characters whose only suffix alternatives are the character alone, unconditionally (a one-character
   * punctuation or quote entry): the suffix is that character, without running the regex.
   */
  private static final CodePointSet SUFFIX_ALONE = new CodePointSet();
  /** Last characters that some other alternative ends with (a longer literal, or one behind a lookbehind). */
  private static final CodePointSet SUFFIX_OTHER = new CodePointSet();

  /** Special cases: exact string to its tokens. */
  private static final Map<String, String[]> SPECIALS = new HashMap<>();

  static {
    String concatQuotes = QUOTES_LIST.replace(" ", "").replace("\\'", "'");
    String q = escapeClass(concatQuotes);
    String punctClass = escapeClass(PUNCT_LIST.replace(" ", "|").replace("\\", ""));
    List<String> prefixes = new ArrayList<>(List.of("§", "%", "=", "—", "–", "\\+(?![0-9])"));
    prefixes.addAll(split(PUNCT_LIST));
    prefixes.add("\\.\\.+");
    prefixes.add("…");
    prefixes.addAll(split(QUOTES_LIST));
    prefixes.addAll(split(CURRENCY_LIST));
    prefixes.add(ICONS);
    StringBuilder p = new StringBuilder();
    for (String e : prefixes) {
      p.append(p.length() == 0 ? "" : "|").append("^(?:").append(e).append(')');
    }
    PREFIX = Pattern.compile(p.toString());

    List<String> suffixes = new ArrayList<>(split(PUNCT_LIST));
    suffixes.add("\\.\\.+");
    suffixes.add("…");
    suffixes.addAll(split(QUOTES_LIST));
    suffixes.add(ICONS);
    suffixes.addAll(List.of("'s", "'S", "’s", "’S", "—", "–"));
    suffixes.add("(?<=[0-9])\\+");
    suffixes.add("(?<=°[FfCcKk])\\.");
    suffixes.add("(?<=[0-9])(?:" + String.join("|", split(CURRENCY_LIST)) + ")");
    suffixes.add("(?<=[0-9])(?:" + String.join("|", split(UNITS_LIST)) + ")");
    // spaCy writes the PUNCT alternation and "(?:" inside this character class, so '|', '(', '?', ':' count too.
    suffixes.add("(?<=[0-9" + AL + "%²\\-+" + punctClass + "(?:" + q + "])\\.");
    suffixes.add("(?<=[" + AU + "][" + AU + "])\\.");
    StringBuilder s = new StringBuilder();
    for (String e : suffixes) {
      s.append(s.length() == 0 ? "" : "|").append("(?:").append(e).append(")$");
    }
    SUFFIX = Pattern.compile(s.toString());

    List<String> infixes = new ArrayList<>(List.of("\\.\\.+", "…", ICONS));
    infixes.add("(?<=[0-9])[+\\-*^](?=[0-9-])");
    infixes.add("(?<=[" + AL + q + "])\\.(?=[" + AU + q + "])");
    infixes.add("(?<=[" + A + "]),(?=[" + A + "])");
    infixes.add("(?<=[" + A + "0-9])(?:" + HYPHENS + ")(?=[" + A + "])");
    infixes.add("(?<=[" + A + "0-9])[:<>=/](?=[" + A + "])");
    INFIX = Pattern.compile(String.join("|", infixes));

    // What each pattern's alternatives can start (prefix) or end (suffix) with, and the characters an infix
    // holds; spans without one skip the regex, which is where the tokenizer spent most of its time.
    for (String e : prefixes) {
      if (!e.equals(ICONS)) {
        PREFIX_FIRST.add(e.replace("\\", "").codePointAt(0));
      }
    }
    List<String> literalSuffixes = new ArrayList<>(split(PUNCT_LIST));
    literalSuffixes.addAll(split(QUOTES_LIST));
    literalSuffixes.addAll(split(CURRENCY_LIST));
    literalSuffixes.addAll(split(UNITS_LIST));
    literalSuffixes.addAll(List.of("…", "'s", "'S", "’s", "’S", "—", "–", ".", "+"));
    for (String e : literalSuffixes) {
      String u = e.replace("\\", "");
      SUFFIX_LAST.add(u.codePointBefore(u.length()));
    }
    // Suffix alternatives by their last character: one-character literals with no lookbehind on one side, every
    // other alternative (longer literals, the period run, 's, and everything behind a lookbehind) on the other.
    List<String> alone = new ArrayList<>(split(PUNCT_LIST));
    alone.addAll(split(QUOTES_LIST));
    List<String> other = new ArrayList<>(split(CURRENCY_LIST));
    other.addAll(split(UNITS_LIST));
    other.addAll(List.of("'s", "'S", "’s", "’S", ".", "+"));
    for (String e : alone) {
      String u = e.replace("\\", "");
      if (u.codePointCount(0, u.length()) > 1) {
        other.add(u);
      }
    }
    for (String e : other) {
      String u = e.replace("\\", "");
      SUFFIX_OTHER.add(u.codePointBefore(u.length()));
    }
    for (String e : alone) {
      String u = e.replace("\\", "");
      int cp = u.codePointAt(0);
      if (u.codePointCount(0, u.length()) == 1 && !SUFFIX_OTHER.contains(cp)) {
        SUFFIX_ALONE.add(cp);
      }
    }
    for (char c : ".…+-*^,–—~:<>=/".toCharArray()) {
      INFIX_CHARS.add((int) c);
    }

    addContractions();
    addAbbreviations();
  }

  private static String escapeClass(String chars) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < chars.length(); ) {
      int cp = chars.codePointAt(i);
      if ("\\[]^-&".indexOf(cp) >= 0) {
        b.append('\\');
      }
      b.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  private static List<String> split(String list) {
    return List.of(list.strip().split(" "));
  }

  private static void special(String orth, String... tokens) {
    SPECIALS.put(orth, tokens);
  }

  private static void addContractions() {
    String[][] nt = {{"ca", "can"}, {"wo", "will"}, {"do", "do"}, {"does", "does"}, {"did", "did"}, {"is", "is"},
        {"are", "are"}, {"was", "was"}, {"were", "were"}, {"have", "have"}, {"has", "has"}, {"had", "had"},
        {"could", "could"}, {"should", "should"}, {"would", "would"}, {"might", "might"}, {"must", "must"},
        {"need", "need"}, {"sha", "shall"}, {"ai", "ai"}, {"dare", "dare"}, {"ought", "ought"}};
    for (String[] v : nt) {
      String stem = v[0];
      for (String apo : new String[] {"'", "’", ""}) {
        String suffix = "n" + apo + "t";
        for (String s : new String[] {stem, capitalize(stem)}) {
          special(s + suffix, s, suffix);
        }
      }
    }
    String[][] pron = {{"i", "'m", "'ll", "'d", "'ve"}, {"you", "'re", "'ll", "'d", "'ve"},
        {"he", "'ll", "'d"}, {"she", "'ll", "'d"}, {"it", "'ll", "'d"}, {"we", "'re", "'ll", "'d", "'ve"},
        {"they", "'re", "'ll", "'d", "'ve"}, {"who", "'re", "'ll", "'d", "'ve"}, {"what", "'re", "'ll", "'d", "'ve"},
        {"that", "'ll", "'d"}, {"there", "'ll", "'d"}, {"here", "'ll", "'d"}};
    for (String[] v : pron) {
      for (int k = 1; k < v.length; k++) {
        for (String apo : new String[] {"'", "’"}) {
          String suf = apo + v[k].substring(1);
          for (String s : new String[] {v[0], v[0].equals("i") ? "I" : capitalize(v[0])}) {
            special(s + suf, s, suf);
          }
        }
      }
    }
    special("I'm", "I", "'m");
    special("I’m", "I", "’m");
    special("Im", "I", "m");
    special("y'all", "y'", "all");
    special("Y'all", "Y'", "all");
    special("let's", "let", "'s");
    special("Let's", "Let", "'s");
    special("gonna", "gon", "na");
    special("Gonna", "Gon", "na");
    special("gotta", "got", "ta");
    special("Gotta", "Got", "ta");
    special("cannot", "can", "not");
    special("Cannot", "Can", "not");
  }

  private static void addAbbreviations() {
    String list = "'d a.m. Adm. Bros. co. Co. Corp. D.C. Dr. e.g. E.g. E.G. Gen. Gov. i.e. I.e. I.E. Inc. Jr. "
        + "Ltd. Md. Messrs. Mo. Mont. Mr. Mrs. Ms. p.m. Ph.D. Prof. Rep. Rev. Sen. St. vs. v.s. "
        + "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. "
        + "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Mass. Mich. Minn. Miss. "
        + "N.C. N.D. N.H. N.J. N.M. N.Y. Neb. Nebr. Nev. Okla. Ore. Pa. S.C. Tenn. Va. Wash. Wis. "
        + "o.O O.o o.0 0.o ' '' C++ a. b. c. d. e. f. g. h. i. j. k. l. m. n. o. p. q. r. s. t. u. v. w. x. y. z. "
        + "ä. ö. ü.";
    for (String a : list.split(" ")) {
      special(a, a);
    }
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private SpacyEnglishTokenizer() {}

  /** All tokens of {@code text} in order, whitespace tokens included (as spaCy's Doc has them). */
  public List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      boolean ws = PyStr.isSpace(cp);
      int j = i;
      while (j < n) {
        int c = text.codePointAt(j);
        if (PyStr.isSpace(c) != ws) {
          break;
        }
        j += Character.charCount(c);
      }
      if (ws) {
        // spaCy attaches one plain space to the previous token; other whitespace becomes a token
        String run = text.substring(i, j);
        if (i > 0 && run.charAt(0) == ' ') {
          run = run.substring(1);
        }
        if (!run.isEmpty()) {
          out.add(run);
        }
      } else {
        tokenizeSpan(text.substring(i, j), out);
      }
      i = j;
    }
    return out;
  }

  /** datatrove's {@code word_tokenize}: tokens stripped, empty ones dropped. */
  @Override
  public List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (PyStr.isSpace(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int j = i;
      while (j < n) {
        int c = text.codePointAt(j);
        if (PyStr.isSpace(c)) {
          break;
        }
        j += Character.charCount(c);
      }
      tokenizeSpan(text.substring(i, j), out);
      i = j;
    }
    return out;
  }

  private static final String PUNCT_CHARS_SENT = "!.?։؟۔܀܁܂߹।॥၊။።፧፨᙮᜵᜶᠃᠉᥄᥅᪨᪩᪪᪫᭚᭛᭞᭟᰻᰼᱾᱿‼‽⁇⁈⁉⸮⸼꓿꘎꘏꛳꛷꡶꡷꣎꣏꤯꧈꧉꩝꩞꩟꫰꫱꯫﹒﹖﹗！．？𐩖𐩗𑁇𑁈𑂾𑂿𑃀𑃁𑅁𑅂𑅃𑇅𑇆𑇍𑇞𑇟𑈸𑈹𑈻𑈼𑊩𑑋𑑌𑗂𑗃𑗉𑗊𑗋𑗌𑗍𑗎𑗏𑗐𑗑𑗒𑗓𑗔𑗕𑗖𑗗𑙁𑙂𑜼𑜽𑜾𑩂𑩃𑪛𑪜𑱁𑱂𖩮𖩯𖫵𖬷𖬸𖭄𛲟𝪈｡。";
  private static final java.util.Set<String> SENT_PUNCT = new java.util.HashSet<>();

  static {
    for (int i = 0; i < PUNCT_CHARS_SENT.length(); ) {
      int cp = PUNCT_CHARS_SENT.codePointAt(i);
      SENT_PUNCT.add(new String(Character.toChars(cp)));
      i += Character.charCount(cp);
    }
  }

  /**
   * Number of non-blank sentences spaCy's {@code sentencizer} finds: a token that is neither punctuation
   * (all characters in Unicode category P) nor a sentence-final mark, seen after a sentence-final mark,
   * starts a new sentence.
   */
  public int sentenceCount(String text) {
    List<String> toks = tokens(text);
    if (toks.isEmpty()) {
      return 0;
    }
    int count = 0;
    boolean seenPeriod = false;
    StringBuilder cur = new StringBuilder();
    for (String t : toks) {
      boolean inPunct = SENT_PUNCT.contains(t);
      if (seenPeriod && !isPunct(t) && !inPunct) {
        if (!PyStr.strip(cur.toString()).isEmpty()) {
          count++;
        }
        cur.setLength(0);
        seenPeriod = false;
      } else if (inPunct) {
        seenPeriod = true;
      }
      cur.append(t);
    }
    if (!PyStr.strip(cur.toString()).isEmpty()) {
      count++;
    }
    return count;
  }

  private static boolean isPunct(String t) {
    for (int i = 0; i < t.length(); ) {
      int cp = t.codePointAt(i);
      int type = Character.getType(cp);
      boolean p = type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
          || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
          || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
          || type == Character.OTHER_PUNCTUATION;
      if (!p) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /**
   * Only ASCII letters, or only ASCII digits: no prefix, suffix or infix rule can apply (the fast path for most
   * words). Mixed letters and digits are not plain: "10km" splits at a unit suffix.
   */
  private static boolean plain(String s) {
    boolean letters = false;
    boolean digits = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        letters = true;
      } else if (c >= '0' && c <= '9') {
        digits = true;
      } else {
        return false;
      }
    }
    return !(letters && digits);
  }

  private void tokenizeSpan(String span, List<String> out) {
    if (plain(span) && !SPECIALS.containsKey(span)) {
      out.add(span);
      return;
    }
    String[] sp = SPECIALS.get(span);
    if (sp != null) {
      for (String t : sp) {
        out.add(t);
      }
      return;
    }
    List<String> prefixes = new ArrayList<>(2);
    List<String> suffixes = new ArrayList<>(2);
    String string = span;
    int lastSize = -1;
    while (!string.isEmpty() && string.length() != lastSize) {
      if (SPECIALS.containsKey(string)) {
        break;
      }
      lastSize = string.length();
      int preLen = findPrefix(string);
      String prefix = null;
      String minusPre = null;
      if (preLen != 0) {
        prefix = string.substring(0, preLen);
        minusPre = string.substring(preLen);
        if (!minusPre.isEmpty() && SPECIALS.containsKey(minusPre)) {
          string = minusPre;
          prefixes.add(prefix);
          break;
        }
      }
      int sufLen = findSuffix(string.substring(preLen));
      String suffix = null;
      String minusSuf = null;
      if (sufLen != 0) {
        suffix = string.substring(string.length() - sufLen);
        minusSuf = string.substring(0, string.length() - sufLen);
        if (!minusSuf.isEmpty() && SPECIALS.containsKey(minusSuf)) {
          string = minusSuf;
          suffixes.add(suffix);
          break;
        }
      }
      if (preLen != 0 && sufLen != 0 && preLen + sufLen <= string.length()) {
        string = string.substring(preLen, string.length() - sufLen);
        prefixes.add(prefix);
        suffixes.add(suffix);
      } else if (preLen != 0) {
        string = minusPre;
        prefixes.add(prefix);
      } else if (sufLen != 0) {
        string = minusSuf;
        suffixes.add(suffix);
      }
      if (SPECIALS.containsKey(string)) {
        break;
      }
    }
    out.addAll(prefixes);
    if (!string.isEmpty()) {
      String[] s2 = SPECIALS.get(string);
      if (s2 != null) {
        for (String t : s2) {
          out.add(t);
        }
      } else if (string.indexOf('.') > 0 && URL.matcher(string).matches()) {
        out.add(string);
      } else if (!mayHaveInfix(string)) {
        out.add(string);
      } else {
        Matcher m = INFIX.matcher(string);
        int start = 0;
        boolean any = false;
        while (m.find()) {
          any = true;
          int is = m.start();
          int ie = m.end();
          if (is == 0) {
            continue;
          }
          if (is != start) {
            out.add(string.substring(start, is));
          }
          if (is != ie) {
            out.add(string.substring(is, ie));
          }
          start = ie;
        }
        if (!any) {
          out.add(string);
        } else if (start < string.length()) {
          out.add(string.substring(start));
        }
      }
    }
    for (int k = suffixes.size() - 1; k >= 0; k--) {
      out.add(suffixes.get(k));
    }
  }

  /** {@code [\\p{So}&&[^°]]}, the ICONS class. */
  private static boolean isIcon(int cp) {
    return cp >= 0xA6 && Character.getType(cp) == Character.OTHER_SYMBOL && cp != '°';
  }

  /** False when no infix alternative can match in {@code s}: it holds none of their characters. */
  static boolean mayHaveInfix(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (INFIX_CHARS.contains(cp) || isIcon(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  private static boolean hasAsciiDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  static int findPrefix(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    int cp = s.codePointAt(0);
    if (!PREFIX_FIRST.contains(cp) && !isIcon(cp)) {
      return 0;
    }
    return prefixRegex(s);
  }

  /** The prefix regex alone (tests compare it with the gated {@link #findPrefix}). */
  static int prefixRegex(String s) {
    Matcher m = PREFIX.matcher(s);
    return m.lookingAt() ? m.end() : 0;
  }

  /** Longest suffix alternative other than the period run (units like "mbar", currencies like "US$"). */
  private static final int SUFFIX_WINDOW = 8;

  static int findSuffix(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    int lastCp = s.codePointBefore(s.length());
    if (!SUFFIX_LAST.contains(lastCp) && !isIcon(lastCp)) {
      return 0;
    }
    int fast = commonSuffix(s, lastCp);
    return fast >= 0 ? fast : suffixRegex(s);
  }

  private static boolean asciiLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean asciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean asciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The suffix search's answer for the frequent endings, decided without the regex; -1 when it needs the regex.
   * Handled: a one-character punctuation or quote mark no other alternative ends with ("word,", "(that)",
   * "\"hi\""); an icon; a period after an ASCII letter or digit ("end.", "1990.", "USA."); an 's' or 'S' after an
   * ASCII letter or digit ("this", "ITS": only "'s", "’s" and "m/s" end in s). {@code SpacyAffixGateTest} compares
   * this with the regex on every BMP character in many contexts.
   */
  static int commonSuffix(String s, int lastCp) {
    int n = s.length();
    if (SUFFIX_ALONE.contains(lastCp)) {
      return Character.charCount(lastCp);
    }
    if (isIcon(lastCp) && !SUFFIX_OTHER.contains(lastCp)) {
      return Character.charCount(lastCp);
    }
    if (n < 2) {
      return -1;
    }
    char p = s.charAt(n - 2);
    if (lastCp == '.') {
      // (?<=[0-9\p{Ll}...])\. takes a period after a lower-case letter or digit; after an upper-case letter only
      // (?<=[\p{Lu}][\p{Lu}])\. can, and (?<=°[FfCcKk])\. never does when the character before is ASCII
      if (asciiLower(p) || asciiDigit(p)) {
        return 1;
      }
      if (asciiUpper(p) && n >= 3) {
        char pp = s.charAt(n - 3);
        if (asciiUpper(pp)) {
          return 1;
        }
        if (asciiLower(pp) || asciiDigit(pp)) {
          return 0;
        }
      }
      return -1;
    }
    if ((lastCp == 's' || lastCp == 'S') && (asciiLower(p) || asciiUpper(p) || asciiDigit(p))) {
      return 0;
    }
    return -1;
  }

  /** The suffix search without the last-character gate (tests compare it with {@link #findSuffix}). */
  static int suffixRegex(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    char last = s.charAt(s.length() - 1);
    if (last >= '0' && last <= '9') {
      return 0;
    }
    if (((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z')) && last != 's' && last != 'S'
        && !hasAsciiDigit(s)) {
      // letter-final suffixes are units after a digit and 's
      return 0;
    }
    // Every suffix ends at the end, and all but "\.\.+" are short: search only a tail window (widened over a
    // trailing run of periods); lookbehinds still see the whole string through transparent bounds.
    int from = Math.max(0, s.length() - SUFFIX_WINDOW);
    while (from > 0 && s.charAt(from) == '.' && s.charAt(from - 1) == '.') {
      from--;
    }
    if (from > 0 && Character.isLowSurrogate(s.charAt(from))) {
      from--;
    }
    Matcher m = SUFFIX.matcher(s);
    m.region(from, s.length());
    m.useTransparentBounds(true);
    m.useAnchoringBounds(false);
    return m.find() ? m.end() - m.start() : 0;
  }
}

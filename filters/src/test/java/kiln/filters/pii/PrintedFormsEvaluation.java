package kiln.filters.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kiln.core.config.ConfigNode;

/**
 * Whole-value redaction recall on the shared labelled values, printed in the forms people write them and put in
 * sentences with punctuation right around them — the held-out measure of issue 16: the value must no longer occur
 * in the redacted text.
 *
 * <ul>
 *   <li>cards: validator.js {@code isCreditCard} valid strings and the FakeNameGenerator card numbers, compact and
 *       grouped the way each length is printed (4-4-4-4, Amex/Diners 4-6-5 and 4-6-4, 4-4-4-4-3 for 19 digits,
 *       4-4-5 for 13) with spaces and with hyphens;</li>
 *   <li>IBANs: validator.js {@code isIBAN} valid strings and python-stdnum's {@code test_iban.doctest} valid list,
 *       compact and in the ISO 13616 print format (groups of four, single spaces), upper and lower case;</li>
 *   <li>IPs: validator.js {@code isIP} valid strings as written, IPv6 also in the RFC 5952 canonical form, fully
 *       expanded and upper case, bracketed with a port; IPv4 with a port (settings: {@code ip.public_only: false},
 *       since the labelled addresses are loopback, private and documentation ones);</li>
 *   <li>phones: the 3000 FakeNameGenerator numbers (33 countries) as E.164, E.123 international, {@code tel:}
 *       with hyphens, E.123 with an extension, and national with the country as region hint and a phone word.</li>
 * </ul>
 * Each value goes into every {@link #SENTENCES} template. The invalid labelled strings (validator.js, stdnum) go
 * through the same templates and count as false flags when a span of the family's type overlaps them.
 */
public final class PrintedFormsEvaluation {
  /** Sentences around the value: punctuation on either side, glued labels, end of sentence. */
  static final String[] SENTENCES = {
      "{}", "Send it to {}.", "The value (\"{}\") was printed.", "See [{}], then continue.", "Listed: <{}>; done",
      "field:{},next", "'{}'?", "It is {}!", "{{}}", "«{}»"};

  /** Found/total per family and form. */
  public static final class Tally {
    public int total;
    public int gone;
    public final List<String> misses = new ArrayList<>();

    public double recall() {
      return total == 0 ? Double.NaN : (double) gone / total;
    }
  }

  public final Map<String, Tally> forms = new TreeMap<>();
  public final Map<String, Tally> families = new TreeMap<>();
  /** Invalid labelled strings per family: total = sentences, gone = sentences where a span of the type hit them. */
  public final Map<String, Tally> falseFlags = new TreeMap<>();

  /** Invalid labelled strings that are a valid value plus leading/trailing punctuation (not counted as invalid). */
  public final Map<String, Tally> punctuated = new TreeMap<>();

  private final PiiRedactor redactor;
  private final PiiRedactor ipAll;

  private PrintedFormsEvaluation() {
    redactor = new PiiRedactor(PiiSettings.defaults());
    ipAll = new PiiRedactor(PiiSettings.fromConfig(ConfigNode.parse("ip: {public_only: false}", "eval.yaml")));
  }

  /** Runs every family whose shared file exists under {@code dataRoot} ({@code $KILN_SHARED/data}). */
  public static PrintedFormsEvaluation evaluate(Path dataRoot) throws IOException {
    PrintedFormsEvaluation ev = new PrintedFormsEvaluation();
    Path vjs = dataRoot.resolve("pii/validatorjs/validatorjs-labelled.jsonl");
    Path fng100 = dataRoot.resolve("pii/presidio-research/FakeNameGenerator.com_100.csv");
    Path fng3000 = dataRoot.resolve("pii/presidio-research/FakeNameGenerator.com_3000.csv");
    Path stdnumIban = dataRoot.resolve("pii/python-stdnum/test_iban.doctest");
    Map<String, Set<String>> valid = new TreeMap<>();
    Map<String, Set<String>> invalid = new TreeMap<>();
    readValidatorJs(vjs, valid, invalid);
    for (Map<String, String> row : FakeIdentityEvaluation.readCsv(fng100)) {
      valid.get("isCreditCard").add(row.get("CCNumber"));
    }
    readStdnumIbans(stdnumIban, valid.get("isIBAN"), invalid.get("isIBAN"));

    PiiContext us = PiiContext.of("US");
    for (String v : valid.get("isCreditCard")) {
      String d = v.replaceAll("[ -]", "");
      ev.value("card", "compact", d, us, ev.redactor);
      ev.value("card", "grouped_space", group(d, cardGroups(d.length()), " "), us, ev.redactor);
      ev.value("card", "grouped_hyphen", group(d, cardGroups(d.length()), "-"), us, ev.redactor);
    }
    for (String v : valid.get("isIBAN")) {
      String c = v.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
      String print = group(c, fours(c.length()), " ");
      ev.value("iban", "compact", c, us, ev.redactor);
      ev.value("iban", "print", print, us, ev.redactor);
      ev.value("iban", "print_lower", print.toLowerCase(Locale.ROOT), us, ev.redactor);
    }
    for (String v : valid.get("isIP")) {
      if (v.indexOf(':') < 0) {
        ev.value("ip", "v4", v, us, ev.ipAll);
        ev.embedded("ip", "v4_port", v, v + ":8080", us, ev.ipAll);
        continue;
      }
      ev.value("ip", "v6_as_labelled", v, us, ev.ipAll);
      int pct = v.indexOf('%');
      int[] g = IpDetector.parseV6(pct < 0 ? v : v.substring(0, pct));
      String zone = pct < 0 ? "" : v.substring(pct);
      ev.value("ip", "v6_rfc5952", canonical(g) + zone, us, ev.ipAll);
      ev.value("ip", "v6_full_upper", full(g).toUpperCase(Locale.ROOT) + zone, us, ev.ipAll);
      ev.embedded("ip", "v6_bracket_port", canonical(g), "[" + canonical(g) + "]:443", us, ev.ipAll);
    }
    for (String kind : new String[] {"isCreditCard", "isIBAN", "isIP"}) {
      PiiType t = kind.equals("isCreditCard") ? PiiType.CREDIT_CARD : kind.equals("isIBAN") ? PiiType.IBAN : PiiType.IP;
      for (String v : invalid.get(kind)) {
        ev.invalid(kind.substring(2).toLowerCase(Locale.ROOT), v, t, us, kind.equals("isIP") ? ev.ipAll : ev.redactor);
      }
    }
    if (Files.exists(fng3000)) {
      for (Map<String, String> row : FakeIdentityEvaluation.readCsv(fng3000)) {
        ev.phone(row.get("Country"), row.get("TelephoneCountryCode"), row.get("TelephoneNumber"));
      }
    }
    return ev;
  }

  private void phone(String country, String cc, String national) {
    List<String> groups = new ArrayList<>();
    for (String g : national.replace("(", " ").replace(")", " ").trim().split("[ .\\-/]+")) {
      if (!g.isEmpty()) {
        groups.add(g);
      }
    }
    String digits = String.join("", groups);
    String nsn = nsn(digits, country);
    if (nsn == null) {
      return;
    }
    // Drop the trunk prefix (the digits before the national significant number) from the first groups.
    int drop = digits.length() - nsn.length();
    List<String> intl = new ArrayList<>();
    for (String g : groups) {
      if (drop >= g.length()) {
        drop -= g.length();
        continue;
      }
      intl.add(g.substring(drop));
      drop = 0;
    }
    String e123 = "+" + cc + " " + String.join(" ", intl);
    PiiContext us = PiiContext.of("US");
    value("phone", "e164", "+" + cc + nsn, us, redactor);
    value("phone", "e123", e123, us, redactor);
    embedded("phone", "tel_uri", "+" + cc + "-" + String.join("-", intl),
        "tel:+" + cc + "-" + String.join("-", intl), us, redactor);
    value("phone", "e123_ext", e123 + " ext. 123", us, redactor);
    PiiContext hint = new PiiContext(RegionHints.regions(null, null, List.of(country, "US")), false);
    embedded("phone", "national_phone_word", national, "Call " + national, hint, redactor);
  }

  /** The national significant number of {@code digits} written nationally in {@code country}, or null. */
  private static String nsn(String digits, String country) {
    try {
      PhoneNumber p = PhoneNumberUtil.getInstance().parse(digits, country);
      return PhoneNumberUtil.getInstance().getNationalSignificantNumber(p);
    } catch (NumberParseException e) {
      return null;
    }
  }

  /** One value in every sentence template. */
  private void value(String family, String form, String value, PiiContext ctx, PiiRedactor r) {
    embedded(family, form, value, value, ctx, r);
  }

  /** {@code value} (what must disappear) written as {@code written} inside every sentence template. */
  private void embedded(String family, String form, String value, String written, PiiContext ctx, PiiRedactor r) {
    // Phones are many (3000 people x 5 forms): each goes into one template, in turn, instead of all of them.
    String[] sentences = family.equals("phone") ? new String[] {SENTENCES[Math.floorMod(value.hashCode(), SENTENCES.length)]}
        : SENTENCES;
    for (String s : sentences) {
      String text = s.replace("{}", written);
      String out = r.redact(text, ctx).text();
      boolean gone = !out.contains(value);
      for (Tally t : new Tally[] {tally(forms, family + "/" + form), tally(families, family)}) {
        t.total++;
        if (gone) {
          t.gone++;
        } else if (t.misses.size() < 50) {
          t.misses.add(text + " -> " + out);
        }
      }
    }
  }

  private void invalid(String family, String value, PiiType type, PiiContext ctx, PiiRedactor r) {
    String core = value.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
    boolean punctuatedValid = !core.equals(value) && switch (type) {
      case CREDIT_CARD -> PaymentCardDetector.isValid(core);
      case IBAN -> IbanDetector.isValid(core);
      default -> IpDetector.isValid(core);
    };
    if (punctuatedValid) {
      // A valid value with punctuation or a symbol glued on ("FR76...189@"): invalid as a whole string for
      // validator.js, but in running text the value is there and must be found.
      tally(punctuated, family).total++;
      return;
    }
    for (String s : SENTENCES) {
      String text = s.replace("{}", value);
      int at = text.indexOf(value);
      Tally t = tally(falseFlags, family);
      t.total++;
      for (PiiSpan sp : r.find(text, ctx)) {
        if (sp.type() == type && sp.start() < at + value.length() && at < sp.end()) {
          t.gone++;
          t.misses.add(text + " -> " + sp);
          break;
        }
      }
    }
  }

  private static Tally tally(Map<String, Tally> m, String k) {
    return m.computeIfAbsent(k, x -> new Tally());
  }

  /** How card numbers of each length are printed on cards and receipts. */
  static int[] cardGroups(int len) {
    return switch (len) {
      case 13 -> new int[] {4, 4, 5};
      case 14 -> new int[] {4, 6, 4};
      case 15 -> new int[] {4, 6, 5};
      case 19 -> new int[] {4, 4, 4, 4, 3};
      default -> fours(len);
    };
  }

  static int[] fours(int len) {
    int[] g = new int[(len + 3) / 4];
    for (int i = 0; i < g.length; i++) {
      g[i] = Math.min(4, len - 4 * i);
    }
    return g;
  }

  static String group(String s, int[] sizes, String sep) {
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (int size : sizes) {
      if (at > 0) {
        sb.append(sep);
      }
      sb.append(s, at, Math.min(s.length(), at + size));
      at += size;
    }
    if (at < s.length()) {
      sb.append(sep).append(s.substring(at));
    }
    return sb.toString();
  }

  /** RFC 5952 section 4: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
  static String canonical(int[] g) {
    int best = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        best = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == best) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  /** All eight groups, four hex digits each. */
  static String full(int[] g) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      sb.append(i == 0 ? "" : ":").append(String.format(Locale.ROOT, "%04x", g[i]));
    }
    return sb.toString();
  }

  /** Distinct string values of isCreditCard / isIBAN / isIP rows, by label (option-free reading). */
  private static void readValidatorJs(Path jsonl, Map<String, Set<String>> valid, Map<String, Set<String>> invalid)
      throws IOException {
    for (String k : new String[] {"isCreditCard", "isIBAN", "isIP"}) {
      valid.put(k, new LinkedHashSet<>());
      invalid.put(k, new LinkedHashSet<>());
    }
    ObjectMapper om = new ObjectMapper();
    try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = om.readTree(line);
        String kind = n.get("validator").asText();
        if (!valid.containsKey(kind) || !n.path("value").isTextual()) {
          continue;
        }
        // Rows with options (provider, white/black lists, IP versions) restrict the format; their labels say
        // nothing about whether the string is a card/IBAN/IP at all. Options-free rows only.
        if (n.get("args").size() > 0 && !(n.get("args").get(0).isObject() && n.get("args").get(0).isEmpty())) {
          continue;
        }
        String v = n.get("value").asText();
        (n.get("label").asText().equals("valid") ? valid : invalid).get(kind).add(v);
      }
    }
    for (String k : valid.keySet()) {
      invalid.get(k).removeAll(valid.get(k));
      invalid.get(k).removeIf(String::isBlank);
    }
  }

  /**
   * The {@code numbers = '''...'''} lists of python-stdnum's IBAN doctest: a list followed by a check expecting no
   * invalid ones is valid, a list expecting no valid ones is invalid; lists checked with options are skipped.
   */
  private static void readStdnumIbans(Path doctest, Set<String> valid, Set<String> invalid) throws IOException {
    List<String> lines = Files.readAllLines(doctest, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith(">>> numbers = '''")) {
        continue;
      }
      List<String> list = new ArrayList<>();
      int j = i + 1;
      for (; j < lines.size() && !lines.get(j).startsWith("... '''"); j++) {
        String v = lines.get(j).replaceFirst("^\\.\\.\\. ?", "").trim();
        if (!v.isEmpty()) {
          list.add(v);
        }
      }
      String check = j + 1 < lines.size() ? lines.get(j + 1) : "";
      if (check.contains("check_country") || !check.contains("is_valid(x)")) {
        continue;
      }
      (check.contains("not iban.is_valid(x)") ? valid : invalid).addAll(list);
    }
  }

  public String table() {
    StringBuilder sb = new StringBuilder(String.format("%-28s %6s %6s %7s%n", "family/form", "values", "gone", "recall"));
    Map<String, Tally> all = new LinkedHashMap<>(families);
    all.putAll(forms);
    for (Map.Entry<String, Tally> e : new TreeMap<>(all).entrySet()) {
      Tally t = e.getValue();
      sb.append(String.format(Locale.ROOT, "%-28s %6d %6d %7.4f%n", e.getKey(), t.total, t.gone, t.recall()));
    }
    for (Map.Entry<String, Tally> e : falseFlags.entrySet()) {
      sb.append(String.format(Locale.ROOT, "invalid %-12s sentences %5d flagged %d%n", e.getKey(), e.getValue().total,
          e.getValue().gone));
    }
    for (Map.Entry<String, Tally> e : punctuated.entrySet()) {
      sb.append(String.format(Locale.ROOT, "invalid %-12s strings that are a valid value with punctuation glued on"
          + " (not counted): %d%n", e.getKey(), e.getValue().total));
    }
    return sb.toString();
  }

  public static void main(String[] args) throws IOException {
    PrintedFormsEvaluation ev = evaluate(Path.of(args[0]));
    System.out.print(ev.table());
    for (Map<String, Tally> m : List.of(ev.forms, ev.falseFlags)) {
      for (Map.Entry<String, Tally> e : m.entrySet()) {
        for (String miss : e.getValue().misses) {
          System.out.println("MISS " + e.getKey() + " " + miss);
        }
      }
    }
  }
}

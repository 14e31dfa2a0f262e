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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Agreement of the detectors' whole-string validators with validator.js's labelled test strings
 * ({@code data/pii/validatorjs/validatorjs-labelled.jsonl}). Each row is a string the validator.js test
 * suite calls valid or invalid for one validator and options; rows whose options we do not model
 * (display names, host lists, UTF-8 switches of {@code isEmail}) are not counted.
 */
public final class ValidatorJsAgreement {

  /** Per-kind counts: rows, agreements, and the disagreeing rows (label, value, locale). */
  public static final class Tally {
    public int rows;
    public int agree;
    public final List<String> misses = new ArrayList<>();

    public double agreement() {
      return rows == 0 ? Double.NaN : (double) agree / rows;
    }

    void add(boolean label, boolean predicted, String what) {
      rows++;
      if (label == predicted) {
        agree++;
      } else {
        misses.add((label ? "valid  " : "invalid") + " " + what);
      }
    }
  }

  /**
   * validator.js {@code isMobilePhone(value, locale)} as a configuration of our kernel: types mobile and
   * fixed-line-or-mobile, valid numbers of the locale's region, the strict whole-string reading.
   */
  static final PhoneValidator MOBILE = new PhoneValidator(PhoneValidator.MOBILE_TYPES, PhoneValidator.Level.VALID);

  /** The phone check evaluated: {@link #MOBILE} unless another is given. */
  private PhoneValidator phoneCheck = MOBILE;

  public final Map<String, Tally> kinds = new TreeMap<>();
  /** Phone rows per locale (only locales whose region libphonenumber covers). */
  public final Map<String, Tally> phoneLocales = new TreeMap<>();
  /** Phone rows of locales (or locale lists) with no region libphonenumber covers, per locale. */
  public final Map<String, Integer> excludedRows = new TreeMap<>();
  /** Disagreeing single-locale phone rows per cause (see {@link #cause}). */
  public final Map<String, Integer> causes = new TreeMap<>();
  private final Map<String, String> causeOf = new java.util.HashMap<>();

  /** Whether {@code isMobilePhone(x, 'any')} rows are evaluated (slow: up to 150 regions per row). */
  private boolean includeAny;

  public static ValidatorJsAgreement evaluate(Path jsonl) throws IOException {
    return evaluate(jsonl, true);
  }

  public static ValidatorJsAgreement evaluate(Path jsonl, boolean includeAny) throws IOException {
    return evaluate(jsonl, includeAny, MOBILE);
  }

  public static ValidatorJsAgreement evaluate(Path jsonl, boolean includeAny, PhoneValidator phoneCheck)
      throws IOException {
    ValidatorJsAgreement a = new ValidatorJsAgreement();
    a.includeAny = includeAny;
    a.phoneCheck = phoneCheck;
    ObjectMapper om = new ObjectMapper();
    List<JsonNode> rows = new ArrayList<>();
    Set<String> allRegions = new LinkedHashSet<>();
    try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = om.readTree(line);
        rows.add(n);
        if (n.get("validator").asText().equals("isMobilePhone") && n.get("args").size() >= 1) {
          String region = region(n.get("args").get(0).asText());
          if (region != null && PhoneValidator.supportsRegion(region)) {
            allRegions.add(region);
          }
        }
      }
    }
    for (JsonNode n : rows) {
      a.row(n, allRegions);
    }
    return a;
  }

  private void row(JsonNode n, Set<String> allRegions) {
    if (!n.path("value").isTextual()) {
      return; // non-string inputs (null, numbers, objects) test JavaScript typing, not the format
    }
    String v = n.get("value").asText();
    boolean label = n.get("label").asText().equals("valid");
    JsonNode args = n.get("args");
    switch (n.get("validator").asText()) {
      case "isEmail" -> {
        if (args.isEmpty()) {
          tally("email").add(label, EmailDetector.isValid(v), v);
        }
      }
      case "isIP" -> {
        String version = args.isEmpty() ? "" : args.get(0).isObject()
            ? (args.get(0).has("version") ? args.get(0).get("version").asText() : "") : args.get(0).asText();
        boolean p = switch (version) {
          case "", "null" -> IpDetector.isValid(v);
          case "4" -> IpDetector.isValidV4(v);
          case "6" -> IpDetector.isValidV6(v);
          default -> false; // validator.js rejects unknown versions
        };
        tally("ip").add(label, p, v + " version=" + version);
      }
      case "isCreditCard" -> {
        boolean p = PaymentCardDetector.isValid(v);
        if (!args.isEmpty() && args.get(0).has("provider")) {
          String provider = args.get(0).get("provider").asText().toUpperCase(Locale.ROOT);
          PaymentCardDetector.Brand b = p ? PaymentCardDetector.brandOf(v.replace(" ", "").replace("-", "")) : null;
          p = b != null && b.name().replace("_", "").equals(provider);
        }
        tally("credit_card").add(label, p, v + " " + args);
      }
      case "isIBAN" -> {
        boolean p = IbanDetector.isValid(v);
        String cc = v.length() >= 2 ? v.substring(0, 2).toUpperCase(Locale.ROOT) : "";
        if (!args.isEmpty() && args.get(0).has("whitelist")) {
          p &= contains(args.get(0).get("whitelist"), cc);
        }
        if (!args.isEmpty() && args.get(0).has("blacklist")) {
          p &= !contains(args.get(0).get("blacklist"), cc);
        }
        tally("iban").add(label, p, v + " " + args);
      }
      case "isMobilePhone" -> phone(n, v, label, args, allRegions);
      default -> { }
    }
  }

  private void phone(JsonNode n, String v, boolean label, JsonNode args, Set<String> allRegions) {
    if (args.isEmpty()) {
      return;
    }
    boolean strict = args.size() > 1 && args.get(1).path("strictMode").asBoolean(false);
    boolean any = args.get(0).isTextual() && args.get(0).asText().equals("any");
    if (any && !includeAny) {
      return;
    }
    if (strict && !v.startsWith("+")) {
      // validator.js's strictMode: a number without '+' is invalid whatever the locale.
      tally(args.get(0).isArray() ? "phone_list" : any ? "phone_any" : "phone")
          .add(label, false, v + " " + args.get(0) + " strict");
      return;
    }
    if (args.get(0).isArray()) {
      List<String> regions = new ArrayList<>();
      for (JsonNode l : args.get(0)) {
        String r = region(l.asText());
        if (r != null && PhoneValidator.supportsRegion(r)) {
          regions.add(r);
        }
      }
      if (regions.isEmpty()) {
        excludedRows.merge(args.get(0).toString(), 1, Integer::sum);
        return;
      }
      tally("phone_list").add(label, acceptsAny(v, regions), v + " " + args.get(0));
      return;
    }
    if (!args.get(0).isTextual()) {
      return; // not a locale or a list of locales
    }
    String locale = args.get(0).asText();
    if (any) {
      tally("phone_any").add(label, acceptsAny(v, allRegions), v);
      return;
    }
    String region = region(locale);
    if (region == null || !PhoneValidator.supportsRegion(region)) {
      excludedRows.merge(locale, 1, Integer::sum);
      return;
    }
    boolean p = phoneCheck.acceptsWhole(v, region);
    tally("phone").add(label, p, v + " " + locale);
    phoneLocales.computeIfAbsent(locale, k -> new Tally()).add(label, p, v);
    if (label != p) {
      String cause = cause(v, region, label);
      causes.merge(cause, 1, Integer::sum);
      causeOf.put(v + " " + locale, cause);
    }
  }

  private boolean acceptsAny(String v, java.util.Collection<String> regions) {
    for (String r : regions) {
      if (phoneCheck.acceptsWhole(v, r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why a phone row disagrees, from what libphonenumber's plan says about the digits (read leniently):
   * <ul>
   *   <li>{@code dispute:not_in_plan} — labelled valid, but no range of the region's plan holds the number
   *       (made-up or unassigned numbers; validator.js's regexes only check prefixes and lengths);</li>
   *   <li>{@code dispute:not_mobile} — labelled valid, but the plan says landline, toll-free, VoIP, ...;</li>
   *   <li>{@code dispute:mobile_range} — labelled invalid, but it is a valid mobile written plainly (+CC and
   *       digits, or digits with the trunk prefix, or digits in a plan without one): validator.js's prefix list
   *       for the locale lacks a range the plan assigns to mobiles;</li>
   *   <li>{@code form_or_range} — labelled invalid, a valid mobile written with separators, with the country code
   *       but no '+', after an international prefix or without the trunk prefix: validator.js's locale regex rejects
   *       the writing or lacks the range — which of the two, only its regex can tell;</li>
   *   <li>{@code strict_reading} — labelled valid, a valid mobile whose writing our strict reading rejects;</li>
   *   <li>{@code accepted_not_valid_mobile} — labelled invalid, accepted by a {@code possible}-level check although
   *       no mobile range of the plan holds it.</li>
   * </ul>
   */
  static String cause(String v, String region, boolean label) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    PhoneNumber p;
    try {
      p = util.parse(v, region);
    } catch (NumberParseException e) {
      p = null;
    }
    boolean validHere = p != null && util.isValidNumberForRegion(p, region);
    boolean mobile = validHere && PhoneValidator.MOBILE_TYPES.contains(util.getNumberType(p));
    if (label) {
      return !validHere ? "dispute:not_in_plan" : !mobile ? "dispute:not_mobile" : "strict_reading";
    }
    if (!mobile) {
      return "accepted_not_valid_mobile"; // only with validation: possible
    }
    String digits = v.replaceAll("[^0-9]", "");
    boolean separators = !v.equals((v.startsWith("+") ? "+" : "") + digits);
    if (separators) {
      return "form_or_range";
    }
    if (v.startsWith("+")) {
      return "dispute:mobile_range";
    }
    String ndd = util.getNddPrefixForRegion(region, true);
    String cc = Integer.toString(util.getCountryCodeForRegion(region));
    String nsn = util.getNationalSignificantNumber(p);
    if (!digits.equals(nsn) && digits.endsWith(cc + nsn)) {
      return "form_or_range"; // country code without '+', or after an international prefix
    }
    if (digits.equals(nsn) && ndd != null && !ndd.isEmpty()) {
      return "form_or_range"; // without the trunk prefix
    }
    return "dispute:mobile_range";
  }

  private static boolean contains(JsonNode list, String cc) {
    for (JsonNode e : list) {
      if (e.isTextual() && e.asText().equalsIgnoreCase(cc)) {
        return true;
      }
    }
    return false;
  }

  /** {@code en-US} is US; validator.js locales without a region part map to none. */
  static String region(String locale) {
    int dash = locale.indexOf('-');
    return dash < 0 ? null : locale.substring(dash + 1).toUpperCase(Locale.ROOT);
  }

  private Tally tally(String kind) {
    return kinds.computeIfAbsent(kind, k -> new Tally());
  }

  /** Rows of the disputes: a cause starting with {@code dispute:}. */
  public int disputes() {
    int d = 0;
    for (Map.Entry<String, Integer> e : causes.entrySet()) {
      d += e.getKey().startsWith("dispute:") ? e.getValue() : 0;
    }
    return d;
  }

  /** The table printed by the test and quoted in docs/pii.md. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-12s %6s %6s %9s%n", "kind", "rows", "agree", "agreement"));
    for (Map.Entry<String, Tally> e : kinds.entrySet()) {
      Tally t = e.getValue();
      sb.append(String.format(Locale.ROOT, "%-12s %6d %6d %9.4f%n", e.getKey(), t.rows, t.agree, t.agreement()));
    }
    sb.append(String.format("phone = isMobilePhone(value, locale) read as PhoneValidator(types: %s, validation: %s,"
        + " region: the locale's).acceptsWhole (strict reading)%n", PhoneValidator.typeKeys(phoneCheck.types()),
        phoneCheck.level().key()));
    int excluded = 0;
    for (int r : excludedRows.values()) {
      excluded += r;
    }
    sb.append(String.format("phone locales covered by libphonenumber: %d; excluded (region not covered): %d locales,"
        + " %d rows %s%n", phoneLocales.size(), excludedRows.size(), excluded, excludedRows));
    Tally ph = kinds.get("phone");
    if (ph != null) {
      int disputes = disputes();
      sb.append(String.format(Locale.ROOT, "phone disagreements by cause (%d): %s%n", ph.rows - ph.agree, causes));
      sb.append(String.format(Locale.ROOT, "phone label disputes (libphonenumber's plan contradicts the label): %d;"
          + " agreement on the other %d rows %.4f (not the issue's metric)%n", disputes, ph.rows - disputes,
          (double) ph.agree / (ph.rows - disputes)));
    }
    return sb.toString();
  }

  /**
   * Per-locale phone agreement, worst first: rows, agreements, agreement, disagreements per cause and, with
   * {@code withRows}, the disagreeing rows themselves.
   */
  public String localeTable(boolean withRows) {
    List<Map.Entry<String, Tally>> ls = new ArrayList<>(phoneLocales.entrySet());
    ls.sort(java.util.Comparator.<Map.Entry<String, Tally>>comparingDouble(e -> e.getValue().agreement())
        .thenComparing(Map.Entry::getKey));
    StringBuilder sb = new StringBuilder(String.format("%-7s %4s %5s %9s  %s%n", "locale", "rows", "agree",
        "agreement", "disagreements by cause"));
    for (Map.Entry<String, Tally> e : ls) {
      Tally t = e.getValue();
      Map<String, Integer> byCause = new TreeMap<>();
      StringBuilder rows = new StringBuilder();
      for (String m : t.misses) {
        String cause = causeOf.get(m.substring(8) + " " + e.getKey());
        byCause.merge(cause, 1, Integer::sum);
        rows.append("  [").append(m.trim()).append(" : ").append(cause).append(']');
      }
      sb.append(String.format(Locale.ROOT, "%-7s %4d %5d %9.4f  %s%s%n", e.getKey(), t.rows, t.agree, t.agreement(),
          byCause.isEmpty() ? "" : byCause.toString(), withRows ? rows : ""));
    }
    return sb.toString();
  }

  /** Args: the labelled file, then optionally a validation level ({@code valid} or {@code possible}). */
  public static void main(String[] args) throws IOException {
    PhoneValidator check = args.length > 1
        ? new PhoneValidator(PhoneValidator.MOBILE_TYPES, PhoneValidator.Level.ofKey(args[1])) : MOBILE;
    ValidatorJsAgreement a = evaluate(Path.of(args[0]), true, check);
    System.out.print(a.table());
    System.out.print(a.localeTable(true));
    for (Map.Entry<String, Tally> e : a.kinds.entrySet()) {
      for (String m : e.getValue().misses) {
        System.out.println("MISS " + e.getKey() + " " + m);
      }
    }
  }
}

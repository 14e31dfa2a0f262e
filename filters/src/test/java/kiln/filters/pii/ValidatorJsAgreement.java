package kiln.filters.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  public final Map<String, Tally> kinds = new TreeMap<>();
  /** Phone rows per locale (only locales whose region libphonenumber covers). */
  public final Map<String, Tally> phoneLocales = new TreeMap<>();
  public int phoneRowsUncovered;

  public static ValidatorJsAgreement evaluate(Path jsonl) throws IOException {
    ValidatorJsAgreement a = new ValidatorJsAgreement();
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
          if (region != null && PhoneDetector.supportsRegion(region)) {
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
    if (args.isEmpty() || !args.get(0).isTextual()) {
      return;
    }
    String locale = args.get(0).asText();
    boolean strict = args.size() > 1 && args.get(1).path("strictMode").asBoolean(false);
    if (strict && !v.startsWith("+")) {
      tally("phone").add(label, false, v + " " + locale + " strict");
      return;
    }
    if (locale.equals("any")) {
      boolean p = false;
      for (String r : allRegions) {
        if (PhoneDetector.isValidMobile(v, r)) {
          p = true;
          break;
        }
      }
      tally("phone_any").add(label, p, v);
      return;
    }
    String region = region(locale);
    if (region == null || !PhoneDetector.supportsRegion(region)) {
      phoneRowsUncovered++;
      return;
    }
    boolean p = PhoneDetector.isValidMobile(v, region);
    tally("phone").add(label, p, v + " " + locale);
    phoneLocales.computeIfAbsent(locale, k -> new Tally()).add(label, p, v);
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

  /** The table printed by the test and quoted in docs/pii.md. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-12s %6s %6s %9s%n", "kind", "rows", "agree", "agreement"));
    for (Map.Entry<String, Tally> e : kinds.entrySet()) {
      Tally t = e.getValue();
      sb.append(String.format(Locale.ROOT, "%-12s %6d %6d %9.4f%n", e.getKey(), t.rows, t.agree, t.agreement()));
    }
    sb.append(String.format("phone locales covered by libphonenumber: %d; rows of uncovered locales: %d%n",
        phoneLocales.size(), phoneRowsUncovered));
    return sb.toString();
  }

  public static void main(String[] args) throws IOException {
    ValidatorJsAgreement a = evaluate(Path.of(args[0]));
    System.out.print(a.table());
    for (Map.Entry<String, Tally> e : a.kinds.entrySet()) {
      for (String m : e.getValue().misses) {
        System.out.println("MISS " + e.getKey() + " " + m);
      }
    }
  }
}

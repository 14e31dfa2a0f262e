package kiln.filters.pii;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recall on the FakeNameGenerator identities shipped with presidio-research
 * ({@code FakeNameGenerator.com_100.csv}: 100 people from many countries), each value placed in a fixed
 * sentence, and false positives on the identity fields that are not PII we target (parcel and money-transfer
 * numbers, GUIDs, coordinates, birthdays, body measures, vehicles). Phones are tried three ways: national
 * format with the person's country as region hint and no phone word, the same with "Phone:" before it, and
 * international ({@code +<country code> <number>}) with region US only.
 */
public final class FakeIdentityEvaluation {
  public final Map<String, int[]> recall = new LinkedHashMap<>(); // name -> {found, total}
  public int falsePositives;
  public int negativeFields;
  public final List<String> notes = new ArrayList<>();

  public static FakeIdentityEvaluation evaluate(Path csv) throws IOException {
    FakeIdentityEvaluation ev = new FakeIdentityEvaluation();
    PiiRedactor r = new PiiRedactor(PiiSettings.defaults());
    List<Map<String, String>> rows = readCsv(csv);
    for (Map<String, String> row : rows) {
      String country = row.get("Country");
      PiiContext local = new PiiContext(RegionHints.regions(null, null, List.of(country, "US")), false);
      PiiContext us = PiiContext.of("US");
      String phone = row.get("TelephoneNumber");
      ev.check(r, "phone national, country hint", "You can reach her at " + phone + " most days.", phone, PiiType.PHONE, local);
      ev.check(r, "phone national, 'Phone:'", "Phone: " + phone, phone, PiiType.PHONE, us);
      String intl = "+" + row.get("TelephoneCountryCode") + " " + phone.replaceFirst("^0", "");
      ev.check(r, "phone +cc, no hint", "You can reach her at " + intl + " most days.", intl, PiiType.PHONE, us);
      ev.check(r, "email", "Write to " + row.get("EmailAddress") + " today.", row.get("EmailAddress"), PiiType.EMAIL, us);
      ev.check(r, "credit_card", "Charge " + row.get("CCNumber") + " please.", row.get("CCNumber"), PiiType.CREDIT_CARD, us);
      if (country.equals("US") && !row.get("NationalID").isEmpty()) {
        ev.check(r, "us_ssn", "Her number is " + row.get("NationalID") + ".", row.get("NationalID"), PiiType.US_SSN, us);
      }
      for (String f : new String[] {"UPS", "WesternUnionMTCN", "MoneyGramMTCN", "GUID", "Latitude", "Longitude",
          "Birthday", "Vehicle", "Pounds", "Kilograms", "FeetInches", "Centimeters", "ZipCode", "StreetAddress",
          "CVV2", "CCExpires", "Domain", "Username", "BrowserUserAgent"}) {
        String v = row.get(f);
        if (v == null || v.isEmpty()) {
          continue;
        }
        ev.negativeFields++;
        List<PiiSpan> found = r.find("The " + f + " is " + v + ".", local);
        if (!found.isEmpty()) {
          ev.falsePositives++;
          ev.notes.add("FP " + f + " '" + v + "' -> " + found);
        }
      }
    }
    return ev;
  }

  private void check(PiiRedactor r, String name, String text, String value, PiiType type, PiiContext ctx) {
    int[] c = recall.computeIfAbsent(name, k -> new int[2]);
    c[1]++;
    int at = text.indexOf(value);
    for (PiiSpan s : r.find(text, ctx)) {
      if (s.type() == type && s.start() < at + value.length() && at < s.end()) {
        c[0]++;
        return;
      }
    }
    notes.add("FN " + name + " '" + value + "' regions=" + ctx.regions());
  }

  public String table() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, int[]> e : recall.entrySet()) {
      int[] c = e.getValue();
      sb.append(String.format(Locale.ROOT, "%-30s recall %3d/%3d = %.3f%n", e.getKey(), c[0], c[1], (double) c[0] / c[1]));
    }
    sb.append(String.format(Locale.ROOT, "%-30s %d spans in %d non-target fields%n", "false positives", falsePositives,
        negativeFields));
    return sb.toString();
  }

  /** RFC 4180 CSV (quoted fields, doubled quotes, a BOM) into header-keyed rows. */
  static List<Map<String, String>> readCsv(Path csv) throws IOException {
    String s = Files.readString(csv, StandardCharsets.UTF_8);
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    List<List<String>> records = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean q = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (q) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          q = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        q = true;
      } else if (c == ',') {
        cur.add(f.toString());
        f.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        cur.add(f.toString());
        f.setLength(0);
        records.add(cur);
        cur = new ArrayList<>();
      } else {
        f.append(c);
      }
    }
    if (f.length() > 0 || !cur.isEmpty()) {
      cur.add(f.toString());
      records.add(cur);
    }
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> rec = records.get(i);
      if (rec.size() < header.size()) {
        continue;
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (int k = 0; k < header.size(); k++) {
        m.put(header.get(k), rec.get(k));
      }
      rows.add(m);
    }
    return rows;
  }

  public static void main(String[] args) throws IOException {
    FakeIdentityEvaluation ev = evaluate(Path.of(args[0]));
    System.out.print(ev.table());
    ev.notes.forEach(System.out::println);
  }
}

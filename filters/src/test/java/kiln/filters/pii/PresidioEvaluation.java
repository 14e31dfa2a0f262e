package kiln.filters.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Span-level recall and precision on presidio-research's labelled sentences
 * ({@code data/pii/presidio-research/generated_small.json}). Gold entity types map onto ours
 * ({@code EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, US_SSN, IP_ADDRESS, IBAN_CODE}); entity types we do not
 * detect (names, addresses, dates...) are ignored. A detected span is a true positive when it overlaps a gold
 * span of the same type; a detected span overlapping no gold span of its type is a false positive.
 * Detection runs with default settings and no language or URL hint (phone region US).
 */
public final class PresidioEvaluation {

  /** Counts of one type. */
  public static final class Counts {
    public int gold;
    public int found;
    public int goldMatched;
    public int foundMatched;
    public int exact;
    public final List<String> misses = new ArrayList<>();

    public double recall() {
      return gold == 0 ? Double.NaN : (double) goldMatched / gold;
    }

    public double precision() {
      return found == 0 ? Double.NaN : (double) foundMatched / found;
    }
  }

  public final Map<PiiType, Counts> byType = new EnumMap<>(PiiType.class);
  public int sentences;

  static PiiType map(String presidio) {
    return switch (presidio) {
      case "EMAIL_ADDRESS" -> PiiType.EMAIL;
      case "PHONE_NUMBER" -> PiiType.PHONE;
      case "CREDIT_CARD" -> PiiType.CREDIT_CARD;
      case "US_SSN" -> PiiType.US_SSN;
      case "IP_ADDRESS" -> PiiType.IP;
      case "IBAN_CODE" -> PiiType.IBAN;
      default -> null;
    };
  }

  private record Gold(int start, int end, PiiType type, String value) {}

  public static PresidioEvaluation evaluate(Path json, PiiSettings settings) throws IOException {
    PresidioEvaluation ev = new PresidioEvaluation();
    for (PiiType t : PiiType.values()) {
      ev.byType.put(t, new Counts());
    }
    PiiRedactor redactor = new PiiRedactor(settings);
    PiiContext ctx = new PiiContext(settings.phoneRegions(), false);
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    for (JsonNode s : root) {
      ev.sentences++;
      String text = s.get("full_text").asText();
      List<Gold> gold = new ArrayList<>();
      for (JsonNode sp : s.path("spans")) {
        PiiType t = map(sp.get("entity_type").asText());
        if (t != null) {
          gold.add(new Gold(sp.get("start_position").asInt(), sp.get("end_position").asInt(), t,
              sp.get("entity_value").asText()));
        }
      }
      List<PiiSpan> found = redactor.find(text, ctx);
      for (Gold g : gold) {
        Counts c = ev.byType.get(g.type());
        c.gold++;
        boolean hit = false;
        for (PiiSpan f : found) {
          if (f.type() == g.type() && f.start() < g.end() && g.start() < f.end()) {
            hit = true;
            if (f.start() == g.start() && f.end() == g.end()) {
              c.exact++;
            }
          }
        }
        if (hit) {
          c.goldMatched++;
        } else {
          c.misses.add("FN '" + g.value() + "' in: " + text);
        }
      }
      for (PiiSpan f : found) {
        Counts c = ev.byType.get(f.type());
        c.found++;
        boolean hit = false;
        for (Gold g : gold) {
          if (f.type() == g.type() && f.start() < g.end() && g.start() < f.end()) {
            hit = true;
          }
        }
        if (hit) {
          c.foundMatched++;
        } else {
          c.misses.add("FP '" + f.value() + "' in: " + text);
        }
      }
    }
    return ev;
  }

  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-12s %5s %6s %5s %6s %7s %9s%n", "type", "gold", "found", "tp", "exact", "recall",
        "precision"));
    int gold = 0;
    int goldMatched = 0;
    int found = 0;
    int foundMatched = 0;
    for (Map.Entry<PiiType, Counts> e : byType.entrySet()) {
      Counts c = e.getValue();
      if (c.gold == 0 && c.found == 0) {
        continue;
      }
      gold += c.gold;
      goldMatched += c.goldMatched;
      found += c.found;
      foundMatched += c.foundMatched;
      sb.append(String.format(Locale.ROOT, "%-12s %5d %6d %5d %6d %7.3f %9.3f%n", e.getKey().key(), c.gold, c.found,
          c.goldMatched, c.exact, c.recall(), c.precision()));
    }
    sb.append(String.format(Locale.ROOT, "%-12s %5d %6d %5d %6s %7.3f %9.3f%n", "all", gold, found, goldMatched, "",
        gold == 0 ? Double.NaN : (double) goldMatched / gold, found == 0 ? Double.NaN : (double) foundMatched / found));
    return sb.toString();
  }

  public static void main(String[] args) throws IOException {
    PresidioEvaluation ev = evaluate(Path.of(args[0]), PiiSettings.defaults());
    System.out.println("presidio-research generated_small.json: " + ev.sentences + " sentences");
    System.out.print(ev.table());
    for (Counts c : ev.byType.values()) {
      for (String m : c.misses) {
        System.out.println(m);
      }
    }
  }
}

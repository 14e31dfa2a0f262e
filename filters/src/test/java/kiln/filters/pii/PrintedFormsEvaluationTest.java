package kiln.filters.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import kiln.core.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's targets on the shared labelled values in their printed forms (see {@link PrintedFormsEvaluation}):
 * recall (value gone from the redacted text) >= 0.98 for cards, IBANs and IPs and >= 0.95 for phones, every form
 * of cards, IBANs and IPs at 1.0, and no invalid labelled string flagged.
 */
class PrintedFormsEvaluationTest {
  @Test
  void recallOfPrintedFormsAndNoFalseFlags() throws IOException {
    Optional<Path> vjs = SharedData.data("pii/validatorjs/validatorjs-labelled.jsonl");
    Optional<Path> fng = SharedData.data("pii/presidio-research/FakeNameGenerator.com_3000.csv");
    assumeTrue(vjs.isPresent() && fng.isPresent() && SharedData.data("pii/python-stdnum/test_iban.doctest").isPresent(),
        "needs shared data pii/validatorjs, pii/presidio-research and pii/python-stdnum (set KILN_SHARED)");
    PrintedFormsEvaluation ev = PrintedFormsEvaluation.evaluate(vjs.get().getParent().getParent().getParent());
    System.out.print(ev.table());
    for (String family : new String[] {"card", "iban", "ip"}) {
      PrintedFormsEvaluation.Tally t = ev.families.get(family);
      assertTrue(t.total > 500, family + ": too few sentences " + t.total);
      assertTrue(t.recall() >= 0.98, family + " recall " + t.recall() + " < 0.98; misses: " + t.misses);
    }
    for (Map.Entry<String, PrintedFormsEvaluation.Tally> e : ev.forms.entrySet()) {
      if (!e.getKey().startsWith("phone/")) {
        assertEquals(1.0, e.getValue().recall(), e.getKey() + " misses: " + e.getValue().misses);
      }
    }
    PrintedFormsEvaluation.Tally phone = ev.families.get("phone");
    assertTrue(phone.total >= 10000, "phone: too few sentences " + phone.total);
    assertTrue(phone.recall() >= 0.95, "phone recall " + phone.recall() + " < 0.95; misses: " + phone.misses);
    for (Map.Entry<String, PrintedFormsEvaluation.Tally> e : ev.falseFlags.entrySet()) {
      assertTrue(e.getValue().total > 50, e.getKey() + ": too few invalid sentences");
      assertEquals(0, e.getValue().gone, "invalid " + e.getKey() + " flagged: " + e.getValue().misses);
    }
  }
}

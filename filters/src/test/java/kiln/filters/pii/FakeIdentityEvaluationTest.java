package kiln.filters.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import kiln.core.SharedData;
import org.junit.jupiter.api.Test;

/** Prints recall on FakeNameGenerator identities and false positives on their non-PII fields. */
class FakeIdentityEvaluationTest {
  @Test
  void recallAndFalsePositives() throws IOException {
    Optional<Path> f = SharedData.data("pii/presidio-research/FakeNameGenerator.com_100.csv");
    assumeTrue(f.isPresent(), "needs shared data pii/presidio-research/FakeNameGenerator.com_100.csv (set KILN_SHARED)");
    FakeIdentityEvaluation ev = FakeIdentityEvaluation.evaluate(f.get());
    System.out.print(ev.table());
    assertEquals(100, ev.recall.get("email")[0], "email recall: " + ev.notes);
    assertEquals(100, ev.recall.get("credit_card")[0], "card recall: " + ev.notes);
    assertTrue(ev.recall.get("phone +cc, no hint")[0] >= 90, "international phone recall: " + ev.notes);
    assertTrue(ev.falsePositives <= 2, "false positives on non-PII fields: " + ev.notes);
  }
}

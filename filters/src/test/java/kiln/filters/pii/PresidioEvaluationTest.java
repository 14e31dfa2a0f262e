package kiln.filters.pii;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import kiln.core.SharedData;
import org.junit.jupiter.api.Test;

/** Prints per-type span recall/precision on presidio-research's labelled sentences. */
class PresidioEvaluationTest {
  @Test
  void recallAndPrecision() throws IOException {
    Optional<Path> f = SharedData.data("pii/presidio-research/generated_small.json");
    assumeTrue(f.isPresent(), "needs shared data pii/presidio-research/generated_small.json (set KILN_SHARED)");
    PresidioEvaluation ev = PresidioEvaluation.evaluate(f.get(), PiiSettings.defaults());
    System.out.print(ev.table());
    for (PiiType t : new PiiType[] {PiiType.EMAIL, PiiType.CREDIT_CARD, PiiType.US_SSN, PiiType.IP}) {
      PresidioEvaluation.Counts c = ev.byType.get(t);
      assertTrue(c.gold > 0, t + ": no gold spans parsed");
      assertTrue(c.recall() >= 0.9 && c.precision() >= 0.9, t + " recall/precision below 0.9: " + c.misses);
    }
    PresidioEvaluation.Counts phone = ev.byType.get(PiiType.PHONE);
    assertTrue(phone.recall() >= 0.7 && phone.precision() >= 0.7, "phone below 0.7: " + phone.misses);
  }
}

package kiln.jobs.ingest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenF1Test {
  @Test
  void tokensAreLowerCasedLetterDigitRuns() {
    assertEquals(List.of("it", "s", "a", "b2", "café"), TokenF1.tokens("It's  a-B2, Café!"));
  }

  @Test
  void f1IsHarmonicMeanOfMultisetPrecisionAndRecall() {
    // extracted: a a b c (4), reference: a b b d e (5); overlap = a + b = 2.
    // P = 2/4 = 0.5, R = 2/5 = 0.4, F1 = 2*0.5*0.4/0.9 = 0.4444...
    assertEquals(0.4 / 0.9, TokenF1.f1("a a b c", "a b b d e"), 1e-12);
    assertEquals(1.0, TokenF1.f1("", ""));
    assertEquals(0.0, TokenF1.f1("x", ""));
  }
}

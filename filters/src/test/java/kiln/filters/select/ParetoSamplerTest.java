package kiln.filters.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The draws follow NumPy's {@code pareto(a)} (Lomax: P(X &gt; t) = (1 + t)^-a) and GPT-3's rule keeps a document
 * of score s with probability P(X &gt; 1 - s) = (2 - s)^-a.
 */
class ParetoSamplerTest {
  static final int N = 200_000;

  @Test
  void drawsAreLomaxDistributed() {
    ParetoSampler p = new ParetoSampler(9, 0);
    double sum = 0;
    int above = 0;
    for (int i = 0; i < N; i++) {
      double x = p.draw("doc-" + i);
      assertTrue(x >= 0, "Lomax draws are >= 0");
      sum += x;
      if (x > 0.1) {
        above++;
      }
    }
    // mean 1 / (a - 1) = 0.125; the standard deviation of a draw is about 0.14, of the mean 0.14 / sqrt(N)
    assertEquals(1.0 / 8, sum / N, 5 * 0.14 / Math.sqrt(N));
    double tail = Math.pow(1.1, -9); // 0.424
    assertEquals(tail, (double) above / N, 5 * Math.sqrt(tail * (1 - tail) / N));
  }

  @Test
  void gpt3RuleKeepsWithTheParetoTailProbability() {
    ParetoSampler p = new ParetoSampler(9, 7);
    for (double s : new double[] {0.2, 0.5, 0.9, 0.99}) {
      int kept = 0;
      for (int i = 0; i < N; i++) {
        if (p.keep("d" + i, s)) {
          kept++;
        }
      }
      double expected = Math.pow(2 - s, -9);
      assertEquals(expected, (double) kept / N, 5 * Math.sqrt(expected * (1 - expected) / N) + 1e-4, "score " + s);
    }
  }

  @Test
  void seededByIdAndSeed() {
    assertEquals(new ParetoSampler(9, 0).draw("abc"), new ParetoSampler(9, 0).draw("abc"));
    assertNotEquals(new ParetoSampler(9, 0).draw("abc"), new ParetoSampler(9, 1).draw("abc"));
    assertNotEquals(new ParetoSampler(9, 0).draw("abc"), new ParetoSampler(9, 0).draw("abd"));
    double u = new ParetoSampler(2, 0).uniform("abc");
    assertTrue(u >= 0 && u < 1);
  }

  @Test
  void alphaMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ParetoSampler(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ParetoSampler(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ParetoSampler(Double.POSITIVE_INFINITY, 0));
  }
}

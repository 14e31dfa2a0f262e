package kiln.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import kiln.dedup.text.Shingles;
import org.junit.jupiter.api.Test;

class MinHashSignaturesTest {
  private static final BigInteger BP = BigInteger.valueOf(MinHashSignatures.P);

  @Test
  void mersenneModArithmeticMatchesBigInteger() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      long x = r.nextLong(MinHashSignatures.P);
      long y = r.nextLong(MinHashSignatures.P);
      long want = BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)).mod(BP).longValueExact();
      assertEquals(want, MinHashSignatures.mulMod(x, y));
      assertEquals(BigInteger.valueOf(x).add(BigInteger.valueOf(y)).mod(BP).longValueExact(),
          MinHashSignatures.addMod(x, y));
      long h = r.nextLong();
      assertEquals(new BigInteger(Long.toUnsignedString(h)).mod(BP).longValueExact(), MinHashSignatures.reduce(h));
    }
  }

  @Test
  void edgeValues() {
    long p = MinHashSignatures.P;
    // (p-1)^2 = p^2 - 2p + 1 == 1 (mod p)
    assertEquals(1, MinHashSignatures.mulMod(p - 1, p - 1));
    // -1 as unsigned = 2^64 - 1 = 8 * 2^61 - 1 == 8 - 1 = 7 (mod p)
    assertEquals(7, MinHashSignatures.reduce(-1L));
    assertEquals(0, MinHashSignatures.reduce(p));
  }

  @Test
  void signatureIsMinOfPermutations() {
    MinHashSignatures m = new MinHashSignatures(3, 42);
    long[] shingles = {5, 11, 1L << 40};
    long[] sig = m.signature(shingles);
    for (int i = 0; i < 3; i++) {
      BigInteger best = null;
      for (long s : shingles) {
        BigInteger v = BigInteger.valueOf(m.a(i)).multiply(BigInteger.valueOf(s)).add(BigInteger.valueOf(m.b(i))).mod(BP);
        best = best == null || v.compareTo(best) < 0 ? v : best;
      }
      assertEquals(best.longValueExact(), sig[i]);
    }
  }

  @Test
  void seedFixesParameters() {
    long[] s = {1, 2, 3};
    assertArrayEquals(new MinHashSignatures(8, 1).signature(s), new MinHashSignatures(8, 1).signature(s));
    assertTrue(new MinHashSignatures(8, 1).a(0) != new MinHashSignatures(8, 2).a(0));
  }

  @Test
  void orderAndRepeatsDoNotMatter() {
    MinHashSignatures m = new MinHashSignatures(16, 3);
    assertArrayEquals(m.signature(new long[] {9, 8, 7}), m.signature(new long[] {7, 7, 8, 9, 9}));
  }

  @Test
  void agreementEstimatesJaccard() {
    // A = 0..599, B = 200..799: |A∩B| = 400, |A∪B| = 800, J = 0.5. With 2000 hashes the agreement rate has
    // standard deviation sqrt(0.25 / 2000) = 0.011, so 0.5 ± 0.05 is a > 4-sigma band.
    long[] a = new long[600];
    long[] b = new long[600];
    for (int i = 0; i < 600; i++) {
      a[i] = Shingles.fmix64(i);
      b[i] = Shingles.fmix64(i + 200);
    }
    MinHashSignatures m = new MinHashSignatures(2000, 11);
    long[] sa = m.signature(a);
    long[] sb = m.signature(b);
    int eq = 0;
    for (int i = 0; i < sa.length; i++) {
      eq += sa[i] == sb[i] ? 1 : 0;
    }
    assertEquals(0.5, eq / 2000.0, 0.05);
  }

  @Test
  void rejectsBadArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MinHashSignatures(0, 1));
    assertTrue(e.getMessage().contains("numHashes"));
  }
}

package kiln.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.dedup.text.TextNormalizer;
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

  /** The signature loop as it was before blocking and unrolling: one permutation at a time over all shingles. */
  static long[] referenceSignature(MinHashSignatures m, long[] shingles) {
    long[] sig = new long[m.numHashes()];
    for (int i = 0; i < sig.length; i++) {
      long min = MinHashSignatures.P;
      for (long s : shingles) {
        long v = MinHashSignatures.addMod(MinHashSignatures.mulMod(m.a(i), MinHashSignatures.reduce(s)), m.b(i));
        if (v < min) {
          min = v;
        }
      }
      sig[i] = min;
    }
    return sig;
  }

  @Test
  void mulAddModMatchesBigInteger() {
    SplittableRandom r = new SplittableRandom(9);
    long p = MinHashSignatures.P;
    long[] edges = {0, 1, 2, p - 2, p - 1};
    for (long x : edges) {
      for (long y : edges) {
        for (long z : edges) {
          assertEquals(BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)).add(BigInteger.valueOf(z)).mod(BP)
              .longValueExact(), MinHashSignatures.mulAddMod(x, y, z), x + " " + y + " " + z);
        }
      }
    }
    for (int i = 0; i < 100_000; i++) {
      long x = r.nextLong(p);
      long y = r.nextLong(p);
      long z = r.nextLong(p);
      assertEquals(BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)).add(BigInteger.valueOf(z)).mod(BP)
          .longValueExact(), MinHashSignatures.mulAddMod(x, y, z));
    }
  }

  @Test
  void blockedSignatureEqualsThePlainLoopAcrossBlocksAndOddHashCounts() {
    SplittableRandom r = new SplittableRandom(5);
    for (int n : new int[] {0, 1, 2047, 2048, 2049, 5000}) {
      long[] sh = new long[n];
      for (int j = 0; j < n; j++) {
        sh[j] = r.nextLong();
      }
      for (int k : new int[] {1, 7, 112}) {
        MinHashSignatures m = new MinHashSignatures(k, 3);
        assertArrayEquals(referenceSignature(m, sh), m.signature(sh), n + " shingles, " + k + " hashes");
      }
    }
  }

  /** Persisted signatures must not move: the stage's defaults on the shared books, new loop against the old one. */
  @Test
  void signaturesOfRealTextEqualThePlainLoop() throws IOException {
    Path books = SharedData.data("books").orElse(null);
    assumeTrue(books != null, "shared data books/ missing (set KILN_SHARED)");
    MinHashSignatures m = new MinHashSignatures(MinHashConfig.DEFAULTS.numHashes(), MinHashConfig.DEFAULTS.seed());
    int docs = 0;
    for (String sub : List.of("gutenberg", "sotu")) {
      List<Path> files;
      try (Stream<Path> s = Files.list(books.resolve(sub))) {
        files = s.filter(f -> f.toString().endsWith(".txt")).sorted().limit(12).toList();
      }
      for (Path f : files) {
        String norm = TextNormalizer.normalize(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        long[] sh = Shingles.hashes(norm, MinHashConfig.DEFAULTS.ngrams(), false);
        assertArrayEquals(referenceSignature(m, sh), m.signature(sh), f.toString());
        docs++;
      }
    }
    assertTrue(docs > 12, "compared only " + docs + " documents");
  }
}

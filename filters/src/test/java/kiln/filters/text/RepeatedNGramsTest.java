package kiln.filters.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pruned level-by-level counts against counting every n-gram as a list of words. */
class RepeatedNGramsTest {

  @Test
  void countsEveryRepeatedNGramAndOnlyThose() {
    SplittableRandom rnd = new SplittableRandom(17);
    int repeatedSeen = 0;
    for (int trial = 0; trial < 200; trial++) {
      int w = rnd.nextInt(0, 300);
      int vocab = rnd.nextInt(1, 12);
      int[] words = new int[w];
      for (int i = 0; i < w; i++) {
        words[i] = rnd.nextInt(vocab);
      }
      // a copied stretch, so long repeats occur
      if (w > 40) {
        int len = rnd.nextInt(5, 20);
        System.arraycopy(words, rnd.nextInt(0, w - len), words, rnd.nextInt(0, w - len), len);
      }
      long[] hashes = new long[w];
      boolean[] repeats = new boolean[w];
      Map<Integer, Integer> freq = new HashMap<>();
      for (int x : words) {
        freq.merge(x, 1, Integer::sum);
      }
      for (int i = 0; i < w; i++) {
        hashes[i] = 0x9E3779B97F4A7C15L * (words[i] + 1) ^ 0xD6E8FEB86659FD93L;
        repeats[i] = freq.get(words[i]) > 1;
      }
      RepeatedNGrams g = new RepeatedNGrams(hashes, repeats);
      for (int n = 2; n <= 10; n++) {
        g.next();
        assertEquals(n, g.n());
        Map<List<Integer>, Integer> count = new HashMap<>();
        Map<List<Integer>, Integer> first = new HashMap<>();
        for (int i = 0; i + n <= w; i++) {
          List<Integer> key = gram(words, i, n);
          count.merge(key, 1, Integer::sum);
          first.putIfAbsent(key, i);
        }
        int counted = 0;
        for (int k = 0; k < g.size(); k++) {
          List<Integer> key = gram(words, g.start(k), n);
          assertEquals(count.get(key), g.count(k));
          assertEquals(first.get(key), g.first(k));
          counted += g.count(k) > 1 ? 1 : 0;
        }
        int expected = 0;
        for (int i = 0; i + n <= w; i++) {
          expected += count.get(gram(words, i, n)) > 1 ? 1 : 0;
        }
        assertEquals(expected, counted, "positions of repeated " + n + "-grams, trial " + trial);
        repeatedSeen += expected;
      }
    }
    assertTrue(repeatedSeen > 1000);
  }

  private static List<Integer> gram(int[] words, int i, int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(words[i + k]);
    }
    return out;
  }
}

package kiln.dedup.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LineHashesTest {
  @Test
  void keysAreNormalisedDistinctAndSkipShortLines() {
    LineHashes h = new LineHashes(3);
    // "Share on Facebook!" and "share on facebook" normalise alike; "ok" (2 chars) and "" are too short.
    long[] k = h.distinctKeys("Share on Facebook!\nok\n\nshare on facebook\nReal content here");
    assertEquals(2, k.length);
    long[] sorted = k.clone();
    Arrays.sort(sorted);
    assertEquals(Arrays.toString(sorted), Arrays.toString(k));
  }

  @Test
  void removeDropsListedLinesOnly() {
    LineHashes h = new LineHashes(3);
    long share = LineHashes.key("share on facebook");
    LineHashes.Removal r = h.remove("Intro line\nShare on Facebook\nok\nshare on FACEBOOK!\nEnd", new long[] {share});
    assertEquals("Intro line\nok\nEnd", r.text());
    assertEquals(2, r.removed());
  }

  @Test
  void removeEverything() {
    LineHashes h = new LineHashes(1);
    long a = LineHashes.key("a");
    LineHashes.Removal r = h.remove("a\nA", new long[] {a});
    assertEquals("", r.text());
    assertEquals(2, r.removed());
  }
}

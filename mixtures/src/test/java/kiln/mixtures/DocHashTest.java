package kiln.mixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocHashTest {
  @Test
  void dependsOnlyOnItsFields() {
    assertEquals(DocHash.select(1, "p", "web", "doc-1", 0), DocHash.select(1, "p", "web", "doc-1", 0));
  }

  @Test
  void everyFieldChangesTheHash() {
    long h = DocHash.select(1, "p", "web", "doc-1", 0);
    assertNotEquals(h, DocHash.select(2, "p", "web", "doc-1", 0));
    assertNotEquals(h, DocHash.select(1, "q", "web", "doc-1", 0));
    assertNotEquals(h, DocHash.select(1, "p", "code", "doc-1", 0));
    assertNotEquals(h, DocHash.select(1, "p", "web", "doc-2", 0));
    assertNotEquals(h, DocHash.select(1, "p", "web", "doc-1", 1));
    assertNotEquals(h, DocHash.order(1, "p", "web", "doc-1", 0));
  }

  @Test
  void fieldBoundariesAreUnambiguous() {
    // without length prefixes ("ab","c") and ("a","bc") would hash the same bytes
    assertNotEquals(DocHash.select(1, "p", "ab", "c", 0), DocHash.select(1, "p", "a", "bc", 0));
  }

  @Test
  void spreadsOverTheRange() {
    // 10,000 ids: no collisions, and about half the hashes are negative (signed order is used)
    Set<Long> seen = new HashSet<>();
    int negative = 0;
    for (int i = 0; i < 10_000; i++) {
      long h = DocHash.select(42, "main", "web", "id-" + i, 0);
      seen.add(h);
      negative += h < 0 ? 1 : 0;
    }
    assertEquals(10_000, seen.size());
    // binomial(10000, 0.5): sd 50, so 4,700..5,300 is six sd
    assertEquals(5_000, negative, 300);
  }
}

package kiln.mixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MegatronBlendTest {
  @Test
  void weightsAreTokenShares() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("out/main/web_00000", 600L);
    m.put("out/main/code_00000", 300L);
    m.put("out/main/books_00000", 100L);
    // 600/1000, 300/1000, 100/1000
    assertEquals("0.60000000 out/main/web_00000 0.30000000 out/main/code_00000 0.10000000 out/main/books_00000",
        MegatronBlend.dataPath(m));
  }

  @Test
  void emptyPrefixesAreLeftOut() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("a", 1L);
    m.put("b", 0L);
    m.put("c", 2L);
    // 1/3, 2/3
    assertEquals("0.33333333 a 0.66666667 c", MegatronBlend.dataPath(m));
  }

  @Test
  void badArgumentsAreNamed() {
    assertThrows(IllegalArgumentException.class, () -> MegatronBlend.dataPath(Map.of("a b", 1L)));
    assertThrows(IllegalArgumentException.class, () -> MegatronBlend.dataPath(Map.of("a", 0L)));
  }
}

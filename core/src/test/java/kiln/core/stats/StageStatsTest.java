package kiln.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StageStatsTest {

  @Test
  void jsonRoundTripWithSnakeCaseFields() {
    StageStats s = new StageStats("filter", 10, 7, 3, 1000, 700, Map.of("length:min_chars", 3L), 1.5,
        Map.of("tokens", 42));
    String json = s.toJson();
    assertTrue(json.contains("\"docs_in\" : 10"), json);
    assertTrue(json.contains("\"length:min_chars\" : 3"), json);
    StageStats back = StageStats.fromJson(json);
    assertEquals(s.docsIn(), back.docsIn());
    assertEquals(s.reasons(), back.reasons());
    assertEquals(42, ((Number) back.extra().get("tokens")).intValue());
  }

  @Test
  void lostDocumentsAreRefused() {
    assertThrows(IllegalStateException.class, () -> new StageStats("x", 10, 7, 2, 0, 0, Map.of("a:b", 2L), 0, null));
    assertThrows(IllegalStateException.class, () -> new StageStats("x", 10, 7, 3, 0, 0, Map.of("a:b", 2L), 0, null));
  }
}

package kiln.dedup.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ExactHashTest {
  @Test
  void equalAfterNormalisation() {
    assertEquals(ExactHash.of("Hello, World! 2024"), ExactHash.of("hello world 1999"));
  }

  @Test
  void differentWordsDiffer() {
    assertNotEquals(ExactHash.of("hello world"), ExactHash.of("hello worlds"));
  }

  @Test
  void thirtyTwoHexDigits() {
    String h = ExactHash.of("x");
    assertEquals(32, h.length());
    assertEquals(true, h.matches("[0-9a-f]{32}"));
  }

  @Test
  void emptyTextHasKey() {
    // MurmurHash3 x64 128 of zero bytes with seed 0 is all zeros.
    assertEquals("00000000000000000000000000000000", ExactHash.of(""));
    assertEquals(ExactHash.of(""), ExactHash.of(" !!! "));
  }
}

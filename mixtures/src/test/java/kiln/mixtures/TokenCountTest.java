package kiln.mixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TokenCountTest {
  @Test
  void suffixesAreDecimal() {
    assertEquals(2_000_000L, TokenCount.parse("2000000"));
    assertEquals(500_000_000L, TokenCount.parse("500M"));
    assertEquals(2_500_000_000L, TokenCount.parse("2.5B"));
    assertEquals(2_500_000_000L, TokenCount.parse("2.5g"));
    assertEquals(1_000_000_000_000L, TokenCount.parse("1T"));
    assertEquals(12_000L, TokenCount.parse("12k"));
    assertEquals(1_000_000L, TokenCount.parse("1_000_000"));
  }

  @Test
  void fractionalTokensAreRejected() {
    // 1.0005K = 1000.5 tokens
    assertThrows(IllegalArgumentException.class, () -> TokenCount.parse("1.0005K"));
    assertThrows(IllegalArgumentException.class, () -> TokenCount.parse("lots"));
    assertThrows(IllegalArgumentException.class, () -> TokenCount.parse("99999999999T"));
  }

  @Test
  void formatIsShort() {
    assertEquals("1.5B", TokenCount.format(1_500_000_000L));
    assertEquals("20M", TokenCount.format(20_000_000L));
    assertEquals("12.35K", TokenCount.format(12_345L));
    assertEquals("999", TokenCount.format(999L));
  }
}

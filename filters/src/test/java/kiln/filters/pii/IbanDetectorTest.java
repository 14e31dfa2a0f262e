package kiln.filters.pii;

import static kiln.filters.pii.DetectorTestSupport.found;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IbanDetectorTest {
  private final IbanDetector d = new IbanDetector();

  @Test
  void mod97() {
    // GB82WEST12345698765432 -> WEST12345698765432GB82 -> 3214282912345698765432161182; that number mod 97 = 1.
    assertEquals(1, IbanDetector.mod97("GB82WEST12345698765432"));
    assertTrue(IbanDetector.isValid("GB82 WEST 1234 5698 7654 32"));
    assertFalse(IbanDetector.isValid("GB83WEST12345698765432"));
  }

  @Test
  void countryStructure() {
    assertFalse(IbanDetector.isValid("IE95TE8270900834048660")); // IE needs 4 letters after the check digits
    assertFalse(IbanDetector.isValid("XX22YYY1234567890123")); // unknown country
    assertTrue(IbanDetector.isValid("DE89370400440532013000"));
  }

  @Test
  void scansPrintedAndCompactForms() {
    assertEquals(List.of("DE89 3704 0044 0532 0130 00", "FR1420041010050500013M02606"),
        found(d, "Pay DE89 3704 0044 0532 0130 00 or FR1420041010050500013M02606."));
    assertEquals(List.of(), found(d, "DE89370400440532013001 and XDE89370400440532013000"));
  }
}

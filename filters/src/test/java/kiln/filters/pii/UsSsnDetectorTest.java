package kiln.filters.pii;

import static kiln.filters.pii.DetectorTestSupport.found;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsSsnDetectorTest {
  private final UsSsnDetector d = new UsSsnDetector();

  @Test
  void ranges() {
    assertTrue(UsSsnDetector.isValid("531-21-7351"));
    assertFalse(UsSsnDetector.isValid("000-12-3456")); // area 000
    assertFalse(UsSsnDetector.isValid("666-12-3456")); // area 666
    assertFalse(UsSsnDetector.isValid("912-12-3456")); // area 900-999
    assertFalse(UsSsnDetector.isValid("123-00-3456")); // group 00
    assertFalse(UsSsnDetector.isValid("123-45-0000")); // serial 0000
    assertFalse(UsSsnDetector.isValid("078-05-1120")); // the voided advertisement number
  }

  @Test
  void bareNineDigitsNeedContext() {
    assertEquals(List.of("531-21-7351"), found(d, "SSN 531-21-7351; then a long stretch of text, and order 531217351, tel 555-12-34567"));
    assertEquals(List.of("531217351"), found(d, "her social security number is 531217351"));
  }
}

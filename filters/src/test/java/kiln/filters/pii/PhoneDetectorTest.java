package kiln.filters.pii;

import static kiln.filters.pii.DetectorTestSupport.found;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneDetectorTest {
  private final PhoneDetector d = new PhoneDetector();

  @Test
  void internationalAndNationalFormats() {
    assertEquals(List.of("+44 20 7946 0958", "(415) 555-2671"),
        found(d, "London +44 20 7946 0958; SF office (415) 555-2671."));
    // A German national number is valid only with the DE region hint.
    assertEquals(List.of(), found(d, "Die Nummer 030 12345678 gilt.", "US"));
    assertEquals(List.of("030 12345678"), found(d, "Die Nummer 030 12345678 gilt.", "DE", "US"));
  }

  @Test
  void contextRescuesUnknownPlansAndBareDigits() {
    assertEquals(List.of("(96) 627-277"), found(d, "please call me at (96) 627-277 tomorrow"));
    assertEquals(List.of(), found(d, "the ratio was (96) 627-277 overall"));
    assertEquals(List.of("4155552671"), found(d, "phone: 4155552671"));
    assertEquals(List.of(), found(d, "order 4155552671 shipped"));
  }

  @Test
  void extensionsAreIncluded() {
    assertEquals(List.of("986.291.2294x751"), found(d, "Desk: 986.291.2294x751"));
  }

  @Test
  void dottedFrenchNumbersAreNotDates() {
    assertEquals(List.of("02.64.62.52.37"), found(d, "Appelez le 02.64.62.52.37 demain", "FR"));
    assertEquals(List.of(), found(d, "colis 1Z 683 821 70 2253 409 0 et 1Z 061 1E5 71 3400 427 4", "FR", "US"));
  }

  @Test
  void skipsDatesDecimalsAndQuads() {
    assertEquals(List.of(), found(d, "call 2023-01-15, tel 12/27/1986, phone 3.14159265, fax 192.168.100.200"));
    assertEquals(List.of(), found(d, "posted 2016/09/08 18:37 and 2017-10-05 23:35:43, call me"));
  }

  @Test
  void typesRestrictTheDetector() {
    PhoneDetector mobiles = new PhoneDetector(
        new PhoneValidator(PhoneValidator.MOBILE_TYPES, PhoneValidator.Level.VALID));
    String text = "Büro +49 30 12345678, Handy +49 176 1234567";
    assertEquals(List.of("+49 30 12345678", "+49 176 1234567"), found(d, text));
    assertEquals(List.of("+49 176 1234567"), found(mobiles, text));
    // No type for a number of an unknown plan: rule 3 (phone word) is off.
    assertEquals(List.of(), found(mobiles, "please call me at (96) 627-277 tomorrow"));
  }

  @Test
  void mobileValidation() {
    PhoneValidator mobile = new PhoneValidator(PhoneValidator.MOBILE_TYPES, PhoneValidator.Level.VALID);
    assertTrue(mobile.acceptsWhole("+49 1512 3456789", "DE"));
    assertFalse(mobile.acceptsWhole("+49 30 12345678", "DE")); // Berlin fixed line
    assertTrue(mobile.acceptsWhole("491512 3456789", "DE")); // country code written without '+'
  }
}

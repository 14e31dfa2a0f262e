package kiln.filters.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhoneValidatorTest {
  private final PhoneValidator mobile = new PhoneValidator(PhoneValidator.MOBILE_TYPES, PhoneValidator.Level.VALID);
  private final PhoneValidator all = PhoneValidator.defaults();

  @Test
  void typesSelectMobilesOrLandlines() {
    // 0176: German mobile range; 030: Berlin landline.
    assertTrue(mobile.acceptsWhole("+49 176 1234567", "DE"));
    assertFalse(mobile.acceptsWhole("+49 30 12345678", "DE"));
    assertTrue(all.acceptsWhole("+49 30 12345678", "DE"));
    PhoneValidator landline = new PhoneValidator(EnumSet.of(PhoneNumberType.FIXED_LINE), PhoneValidator.Level.VALID);
    assertTrue(landline.acceptsWhole("030 12345678", "DE"));
    assertFalse(landline.acceptsWhole("0176 1234567", "DE"));
    // The US plan does not tell mobiles from landlines: fixed_line_or_mobile, not mobile.
    assertTrue(mobile.acceptsWhole("(202) 555-0123", "US"));
    assertFalse(new PhoneValidator(EnumSet.of(PhoneNumberType.MOBILE), PhoneValidator.Level.VALID)
        .acceptsWhole("(202) 555-0123", "US"));
  }

  @Test
  void wholeStringWritings() {
    assertTrue(mobile.acceptsWhole("0176 1234567", "DE"));        // trunk prefix
    assertTrue(mobile.acceptsWhole("176-1234567", "DE"));         // without it
    assertTrue(mobile.acceptsWhole("0049 176 1234567", "DE"));    // international prefix 00
    assertTrue(mobile.acceptsWhole("49 176 1234567", "DE"));      // country code without '+'
    assertTrue(mobile.acceptsWhole("+49 (0)176 1234567", "DE"));  // the conventional "(0)"
    assertFalse(mobile.acceptsWhole("+49 0176 1234567", "DE"));   // a bare trunk prefix after the country code
    assertFalse(mobile.acceptsWhole("0049 0176 1234567", "DE"));
    assertFalse(mobile.acceptsWhole("+4-9176 1234567", "DE"));    // country code split by a separator
    assertFalse(mobile.acceptsWhole("+49 176 1234567", "GB"));    // another region's number
  }

  @Test
  void wholeStringRejectsJunk() {
    // libphonenumber's lenient parse accepts each of these as 0176 1234567 (or a keypad reading).
    assertFalse(mobile.acceptsWhole("0176 1234567 ", "DE"));
    assertFalse(mobile.acceptsWhole("-0176 1234567", "DE"));
    assertFalse(mobile.acceptsWhole("0176 1234567x", "DE"));
    assertFalse(mobile.acceptsWhole("0176  1234567", "DE"));
    assertFalse(mobile.acceptsWhole("0176 1234567a", "DE"));
    assertFalse(mobile.acceptsWhole("+00491761234567", "DE"));
    assertFalse(mobile.acceptsWhole("", "DE"));
  }

  @Test
  void possibleChecksLengthOnly() {
    // CZ has no range starting 123, but 9 digits is a Czech mobile's length.
    PhoneValidator possible = new PhoneValidator(PhoneValidator.MOBILE_TYPES, PhoneValidator.Level.POSSIBLE);
    assertFalse(mobile.acceptsWhole("+420 123 456 789", "CZ"));
    assertTrue(possible.acceptsWhole("+420 123 456 789", "CZ"));
    assertFalse(possible.acceptsWhole("+420 123 456", "CZ"));       // 6 digits
    assertFalse(possible.acceptsWhole("+420 123 456 789", "SK"));   // +420 is not Slovakia
  }

  @Test
  void candidatesParseLeniently() {
    assertTrue(all.acceptsCandidate("+44 20 7946 0958", "US"));
    assertTrue(all.acceptsCandidate("030 12345678", "DE"));
    assertFalse(mobile.acceptsCandidate("030 12345678", "DE"));
  }

  @Test
  void keysAndArguments() {
    assertEquals(PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneValidator.typeOfKey("fixed_line_or_mobile"));
    assertEquals("toll_free", PhoneValidator.typeKey(PhoneNumberType.TOLL_FREE));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PhoneValidator.typeOfKey("cell")).getMessage()
        .contains("known: fixed_line, mobile"));
    assertThrows(IllegalArgumentException.class, () -> PhoneValidator.typeOfKey("unknown"));
    assertThrows(IllegalArgumentException.class, () -> new PhoneValidator(Set.of(), PhoneValidator.Level.VALID));
    assertThrows(IllegalArgumentException.class,
        () -> new PhoneValidator(EnumSet.of(PhoneNumberType.UNKNOWN), PhoneValidator.Level.VALID));
    assertEquals(11, PhoneValidator.ALL_TYPES.size());
    assertTrue(all.allTypes());
    assertFalse(mobile.allTypes());
  }
}

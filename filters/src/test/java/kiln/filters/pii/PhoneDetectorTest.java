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

  @Test
  void extensionsAreRedactedWithTheNumber() {
    for (String ext : new String[] {" ext. 123", " ext 123", " Ext.123", " extension 123", " x123", "x123", " x 123",
        " #123", ", ext. 123", ";ext=123", " EXT: 123"}) {
      String v = "(415) 555-2671" + ext;
      assertEquals(List.of(v), found(d, "Call " + v + " today."), ext);
    }
    assertEquals(List.of("+44 20 7946 0958 ext. 12"), found(d, "London +44 20 7946 0958 ext. 12."));
  }

  @Test
  void writingConventions() {
    // NANP with dots, parentheses, hyphens and 1-; E.164; E.123 international (the standard's own example is in
    // no range of the Dutch plan, but has the Dutch length); E.123 with the optional trunk prefix "(0)";
    // RFC 3966 tel: URIs; 00 as the international prefix.
    String[] vs = {"555.123.4567", "(555) 123-4567", "(555)123-4567", "555-123-4567", "1-800-555-0199",
        "+1 (415) 555-2671", "+14155552671", "+31 42 123 4567", "+44 (0)20 7946 0958", "+49 30 12345678",
        "+33 1 42 68 53 00", "+1-415-555-2671", "001-415-555-2671", "0044 20 7946 0958"};
    for (String v : vs) {
      assertEquals(List.of(v), found(d, "Numbers: " + v + "."), v);
    }
    assertEquals(List.of("+1-415-555-2671"), found(d, "<a href=\"tel:+1-415-555-2671\">"));
  }

  @Test
  void punctuationAndGluedLabels() {
    String v = "(555) 123-4567";
    for (String t : new String[] {"\"%s\"", "(%s)", "[%s],", "<%s>", "tel:%s;", "'%s'.", "{%s}", "«%s»", "%s!",
        "Tel.%s", "tel/fax %s", "call%snow", "phone=%s&x=1"}) {
      assertEquals(List.of(v), found(d, "x " + String.format(t, v) + " y"), t);
    }
    assertEquals(List.of("555-123-4567"), found(d, "call555-123-4567now"));
    assertEquals(List.of("555-123-4567"), found(d, "call me...555-123-4567"));
    // A dot after a digit or a word that is no phone word: the digits continue a version or a code.
    assertEquals(List.of(), found(d, "build 3.555-123-4567 and v.555-123-4567"));
    assertEquals(List.of("(555)123-4567"), found(d, "(555)123-4567, then"));
  }

  @Test
  void sixDigitPlansNeedTheRegion() {
    // Greenland numbers have six digits: valid with the GL region hint, not otherwise.
    assertEquals(List.of("32 12 34"), found(d, "Ring til 32 12 34 i dag", "GL", "US"));
    assertEquals(List.of(), found(d, "Ring til 32 12 34 i dag", "US"));
  }

  @Test
  void ordinaryNumbersAreNotPhones() {
    // Signed numbers grouped by thousands, prices, ISBNs, versions, dates and times, page ranges, order
    // numbers, decimals, coordinates; a bare digit run without a phone word.
    String t = "Sales grew +12 345 678 units (+3.5%) to EUR 1 234 567,89 and $1,234,567.89; ISBN 978-0-306-40615-7;"
        + " version 10.2.3.4567; on 2023-01-15 at 18:37, 15.01.2023 and 12/25/2023; pages 123-145, 201-234;"
        + " order #48213 and order 4155552671; pi 3.14159265; at 40.7128, -74.0060; 1 000 000 000 people.";
    assertEquals(List.of(), found(d, t));
  }
}

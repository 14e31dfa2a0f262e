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

  /** Registry examples (SWIFT IBAN registry / ISO 13616 print format: groups of four, single spaces). */
  static final String[] PRINTED = {"GB29 NWBK 6016 1331 9268 19", "DE89 3704 0044 0532 0130 00",
      "FR76 3000 6000 0112 3456 7890 189", "NL91 ABNA 0417 1643 00", "BE71 0961 2345 6769",
      "CH93 0076 2011 6238 5295 7", "SE45 5000 0000 0583 9825 7466", "MT84 MALT 0110 0001 2345 MTLC AST0 01S"};

  @Test
  void iso13616PrintFormatInAnyCase() {
    for (String v : PRINTED) {
      assertTrue(IbanDetector.isValid(v), v);
      assertEquals(List.of(v), found(d, "IBAN " + v + " (EUR)"), v);
      String lower = v.toLowerCase(java.util.Locale.ROOT);
      assertEquals(List.of(lower), found(d, "iban: " + lower + "."), lower);
      String hyphens = v.replace(' ', '-');
      assertEquals(List.of(hyphens), found(d, "account " + hyphens + ";"), hyphens);
      String nbsp = v.replace(' ', '\u00A0');
      assertEquals(List.of(nbsp), found(d, "account " + nbsp + ";"), "no-break spaces");
    }
  }

  @Test
  void punctuationAroundTheNumber() {
    String v = "GB29 NWBK 6016 1331 9268 19";
    for (String t : new String[] {"\"%s\"", "(%s)", "[%s],", "<%s>", "IBAN:%s;", "'%s'.", "{%s}", "«%s»", "%s!",
        "iban=%s&bic=NWBKGB2L"}) {
      assertEquals(List.of(v), found(d, "Pay to " + String.format(t, v) + " now"), t);
    }
    // The BIC after the number is not glued to it.
    assertEquals(List.of("DE89 3704 0044 0532 0130 00"), found(d, "DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX"));
  }

  @Test
  void notIbans() {
    // Wrong check digits (GB28), a wrong BBAN length (stdnum: valid checksum, wrong length), an unknown country,
    // groups not of four, the IBAN-like prefix of a word, mixed separators, ordinary words with digits.
    assertEquals(List.of(), found(d, "GB28 NWBK 6016 1331 9268 19, AT93 1904 3002 3457 3201 99, QQ93 1234 5678 9012,"
        + " DE89 370 400 440 532 013 000, XDE89 3704 0044 0532 0130 00, DE89 3704-0044 0532-0130 00, "
        + "es12 de 2023, FR14 2004 1010 0505 0001 3M02 607, NL91ABNA0417164301."));
  }
}

package kiln.filters.pii;

import static kiln.filters.pii.DetectorTestSupport.found;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentCardDetectorTest {
  private final PaymentCardDetector d = new PaymentCardDetector();

  @Test
  void luhn() {
    // 79927398713: doubling every second digit from the right gives 7+(9*2-9)+9+(2*2)+7+(3*2)+9+(8*2-9)+7+(1*2)+3
    // = 7+9+9+4+7+6+9+7+7+2+3 = 70, divisible by 10.
    assertTrue(Chars.luhn("79927398713"));
    assertFalse(Chars.luhn("79927398710"));
  }

  @Test
  void findsGroupedAndBareNumbers() {
    assertEquals(List.of("4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"),
        found(d, "cards: 4111 1111 1111 1111, 5500-0000-0000-0004 and 378282246310005."));
  }

  @Test
  void rejectsIsbnsWrongChecksumsAndLongRuns() {
    assertEquals(List.of(), found(d, "ISBN 9780306406157, 4111111111111112, 41111111111111110000000, id4111111111111111"));
  }

  @Test
  void brands() {
    assertEquals(PaymentCardDetector.Brand.AMEX, PaymentCardDetector.brandOf("378282246310005"));
    assertEquals(PaymentCardDetector.Brand.MASTERCARD, PaymentCardDetector.brandOf("2221000000000009"));
    assertNull(PaymentCardDetector.brandOf("9780306406157"));
  }

  @Test
  void printedGroupings() {
    // How each length is printed: 4-4-4-4 (Visa, Mastercard, Discover, JCB, UnionPay), Amex 4-6-5, Diners 4-6-4,
    // 19-digit Visa/UnionPay 4-4-4-4-3; spaces, hyphens, dots, no-break and thin spaces, spaced hyphens, en dashes.
    for (String v : new String[] {"4111 1111 1111 1111", "5500-0000-0000-0004", "6011.1111.1111.1117",
        "3782 822463 10005", "3782-822463-10005", "3605 023419 6908", "4716 9895 8000 1715 211",
        "8171-9999-0000-0000-021", "3530\u00A01113\u00A03330\u00A00000", "4111\u20091111\u20091111\u20091111",
        "4111 - 1111 - 1111 - 1111", "4111\u20131111\u20131111\u20131111", "4111  1111  1111  1111"}) {
      assertEquals(List.of(v), found(d, "Card " + v + " on file."), v);
    }
  }

  @Test
  void punctuationAroundTheNumber() {
    String v = "4111 1111 1111 1111";
    for (String t : new String[] {"\"%s\"", "(%s)", "[%s],", "<%s>", "card:%s;", "'%s'.", "{%s}", "«%s»", "%s!",
        "card #%s?", "card=%s&exp=1225"}) {
      assertEquals(List.of(v), found(d, "x " + String.format(t, v) + " y"), t);
    }
  }

  @Test
  void oneSeparatorKindPerNumber() {
    // Mixed separators are two numbers, neither of which is a card; the expiry after a card is not part of it.
    assertEquals(List.of(), found(d, "ref 4111 1111-1111 1111 and 4111-1111 1111-1111"));
    assertEquals(List.of("4111 1111 1111 1111"), found(d, "4111 1111 1111 1111 12/27 123"));
    assertEquals(List.of("4111-1111-1111-1111"), found(d, "4111-1111-1111-1111-2025"));
  }

  @Test
  void ordinaryNumbersAreNotCards() {
    // ISBN-13 (978/979 is no IIN), dates, prices, version strings, order and invoice numbers, phone numbers,
    // a card number glued into a word (validator.js's own negatives), a random 16-digit number failing Luhn.
    assertEquals(List.of(), found(d, "ISBN 978-0-306-40615-7, 978 0 306 40615 7 and 9780306406157; on 2023-01-15 and"
        + " 15.01.2023 it cost $4,111.11 (EUR 1.234.567,89); version 4.1.1.1.1.1.1.1.1.1.1.1.1; order 1234-5678-9012,"
        + " invoice 2024 0001 0002 0003; call +1 415 555 2671; prefix6234917882863855 6234917882863855suffix;"
        + " 4111 1111 1111 1112."));
  }
}

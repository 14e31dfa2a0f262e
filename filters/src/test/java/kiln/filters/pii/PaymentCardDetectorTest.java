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
}

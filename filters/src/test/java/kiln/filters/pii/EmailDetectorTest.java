package kiln.filters.pii;

import static kiln.filters.pii.DetectorTestSupport.found;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmailDetectorTest {
  private final EmailDetector d = new EmailDetector(AllowList.defaults());

  @Test
  void findsAddressesInProseAndTrimsPunctuation() {
    assertEquals(List.of("jane.doe+news@mail.co.uk", "bob@uni-bonn.de"),
        found(d, "Write to jane.doe+news@mail.co.uk. Or (bob@uni-bonn.de)!"));
  }

  @Test
  void skipsDocumentationDomainsAndNonAddresses() {
    assertEquals(List.of(), found(d, "user@example.com, admin@sub.example.org, a@b, @handle, x@host.test"));
    assertEquals(List.of(), found(d, "git@github:repo and foo@bar.c"));
  }

  @Test
  void validatorRules() {
    assertTrue(EmailDetector.isValid("\"foo bar\"@example.com"));
    assertTrue(EmailDetector.isValid("hans@m\u7aefller.com"));
    assertFalse(EmailDetector.isValid("multiple..dots@x.com"));
    assertFalse(EmailDetector.isValid("ends.@x.com"));
    assertFalse(EmailDetector.isValid("foo@bar.com."));
    assertFalse(EmailDetector.isValid("foo@_bar.com"));
    assertFalse(EmailDetector.isValid("z@co.c")); // TLD needs 2+ letters
    // Local part limit is 64 UTF-8 bytes: 64 'a' pass, 65 fail.
    assertTrue(EmailDetector.isValid("a".repeat(64) + "@x.com"));
    assertFalse(EmailDetector.isValid("a".repeat(65) + "@x.com"));
  }
}

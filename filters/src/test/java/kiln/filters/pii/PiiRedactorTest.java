package kiln.filters.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import kiln.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {
  private static PiiRedactor redactor(String yaml) {
    return new PiiRedactor(PiiSettings.fromConfig(ConfigNode.parse(yaml, "test.yaml")));
  }

  private static final PiiContext US = PiiContext.of("US");

  @Test
  void tagsByDefault() {
    PiiRedactor.Result r = redactor("{}").redact("Mail ann@uni.edu from 8.8.8.8, card 4111 1111 1111 1111.", US);
    assertEquals("Mail <EMAIL> from <IP>, card <CREDIT_CARD>.", r.text());
    assertEquals(Map.of(PiiType.EMAIL, 1, PiiType.IP, 1, PiiType.CREDIT_CARD, 1), r.counts());
  }

  @Test
  void overlapGoesToTheHigherPriorityType() {
    // The card digits also parse as a phone number with context ("call"); CREDIT_CARD precedes PHONE.
    PiiRedactor.Result r = redactor("{}").redact("call 4111-1111-1111-1111 now", US);
    assertEquals("call <CREDIT_CARD> now", r.text());
    // An e-mail inside a private-key block belongs to the block.
    String pem = "-----BEGIN PRIVATE KEY-----\nx a@uni.edu\n-----END PRIVATE KEY-----";
    assertEquals(List.of(PiiType.SECRET), redactor("{}").find(pem, US).stream().map(PiiSpan::type).toList());
  }

  @Test
  void maskHashAndKeep() {
    PiiRedactor r = redactor("email: {action: mask}\nip: {action: hash}\ncredit_card: {action: keep}\nhash_salt: s");
    PiiRedactor.Result res = r.redact("ann@uni.edu 8.8.8.8 4111111111111111", US);
    // Mask keeps punctuation: "ann@uni.edu" -> "***@***.***". Hash = first 16 hex of SHA-256("s\0ip\08.8.8.8").
    String h = PiiRedactor.sha256Hex("s\u0000ip\u00008.8.8.8").substring(0, 16);
    assertEquals("***@***.*** <IP:" + h + "> 4111111111111111", res.text());
    assertEquals(3, res.total());
  }

  @Test
  void allowListAndCustomTags() {
    PiiRedactor r = redactor("allow: {values: [ops@corp.io], ip_ranges: [8.8.8.0/24]}\nemail: {tag: '|||EMAIL|||'}");
    assertEquals("ops@corp.io |||EMAIL||| 8.8.8.8 <IP>",
        r.redact("ops@corp.io dev@corp.io 8.8.8.8 8.8.9.9", US).text());
  }

  @Test
  void disabledTypesAreNotDetected() {
    assertEquals("ann@uni.edu", redactor("email: {enabled: false}").redact("ann@uni.edu", US).text());
  }
}

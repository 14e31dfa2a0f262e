package kiln.filters.pii;

import static kiln.filters.pii.DetectorTestSupport.found;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretDetectorTest {
  private final SecretDetector d = new SecretDetector(SecretDetector.DEFAULT_MIN_ENTROPY);

  @Test
  void entropy() {
    // "aabb": p(a) = p(b) = 1/2, H = -2 * 1/2 * log2(1/2) = 1 bit per char.
    assertEquals(1.0, SecretDetector.entropy("aabb"), 1e-12);
    // "abcd": four symbols of 1/4, H = 2 bits.
    assertEquals(2.0, SecretDetector.entropy("abcd"), 1e-12);
  }

  @Test
  void privateKeyBlock() {
    String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----";
    assertEquals(List.of(pem), found(d, "key:\n" + pem + "\ndone"));
  }

  @Test
  void prefixedTokens() {
    String gh = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    assertEquals(List.of("AKIAIOSFODNN7EXAMPLE", gh, "xoxb-1234567890-abcdefghij"),
        found(d, "aws AKIAIOSFODNN7EXAMPLE gh " + gh + " slack xoxb-1234567890-abcdefghij"));
  }

  @Test
  void assignedValues() {
    assertEquals(List.of("s3cR3t-Pa55w0rd!"), found(d, "db_password = \"s3cR3t-Pa55w0rd!\""));
    assertEquals(List.of("Zk29fjQ8wLx0pR"), found(d, "API_KEY: Zk29fjQ8wLx0pR\n"));
    // Placeholders, expressions, low entropy and comparisons are not secrets.
    assertEquals(List.of(), found(d, "password = \"${DB_PASSWORD}\"\ntoken = os.environ[\"TOKEN\"]\n"
        + "secret = \"aaaaaaaaaaaa\"\nif password == \"hunter2hunter2\":\npassword_length: 16"));
  }
}

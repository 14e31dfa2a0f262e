package kiln.filters.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import kiln.core.config.ConfigNode;
import kiln.filters.pii.spark.PiiStage;
import org.junit.jupiter.api.Test;

/** The example config shipped next to the code must stay valid and mean what its comments say. */
class PiiExampleConfigTest {
  @Test
  void exampleLoadsAndApplies() throws IOException {
    String yaml;
    try (InputStream in = PiiExampleConfigTest.class.getResourceAsStream("/kiln/filters/pii/pii-example.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    PiiSettings s = PiiStage.fromConfig(ConfigNode.parse(yaml, "pii-example.yaml")).settings();
    assertEquals(5, s.maxSpans());
    PiiRedactor r = new PiiRedactor(s);
    assertEquals("mail support@kiln.dev or |||EMAIL_ADDRESS|||, dns 8.8.8.8, host |||IP_ADDRESS|||",
        r.redact("mail support@kiln.dev or ann@uni.edu, dns 8.8.8.8, host 81.2.69.160", PiiContext.of("US")).text());
  }
}

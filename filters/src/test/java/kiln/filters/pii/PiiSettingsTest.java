package kiln.filters.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.filters.pii.spark.PiiStage;
import org.junit.jupiter.api.Test;

class PiiSettingsTest {
  private static ConfigException bad(String yaml) {
    return assertThrows(ConfigException.class, () -> PiiStage.fromConfig(ConfigNode.parse(yaml, "kiln.yaml")));
  }

  @Test
  void defaults() {
    PiiSettings s = PiiSettings.defaults();
    assertEquals(-1, s.maxSpans());
    assertEquals(PiiAction.TAG, s.rule(PiiType.EMAIL).action());
    assertEquals("<PHONE>", s.rule(PiiType.PHONE).tag());
    assertEquals(List.of("US"), s.phoneRegions());
    assertTrue(s.ipPublicOnly());
    assertEquals(PhoneValidator.ALL_TYPES, s.phoneTypes());
    assertEquals(PhoneValidator.Level.VALID, s.phoneValidation());
  }

  @Test
  void phoneTypesAndValidation() {
    PiiSettings s = PiiSettings.fromConfig(ConfigNode.parse(
        "phone: {types: [mobile, fixed_line_or_mobile], validation: possible}", "kiln.yaml"));
    assertEquals(PhoneValidator.MOBILE_TYPES, s.phoneTypes());
    assertEquals(PhoneValidator.Level.POSSIBLE, s.phoneValidator().level());
  }

  @Test
  void errorsNameFileAndKey() {
    assertEquals("kiln.yaml: key 'max_spam': unknown key (did you mean 'max_spans'?)", bad("max_spam: 5").getMessage());
    assertEquals("kiln.yaml: key 'email.action': must be one of tag|mask|hash|keep, got 'blur'",
        bad("email: {action: blur}").getMessage());
    assertTrue(bad("phone: {regions: [XX]}").getMessage().startsWith("kiln.yaml: key 'phone.regions': unknown phone region"));
    assertTrue(bad("phone: {types: [cell]}").getMessage()
        .startsWith("kiln.yaml: key 'phone.types': unknown phone number type 'cell'"));
    assertTrue(bad("phone: {types: []}").getMessage().startsWith("kiln.yaml: key 'phone.types': must name"));
    assertEquals("kiln.yaml: key 'phone.validation': must be one of valid|possible, got 'strict'",
        bad("phone: {validation: strict}").getMessage());
    assertTrue(bad("national_id: {schemes: [fr_nir]}").getMessage().startsWith("kiln.yaml: key 'national_id.schemes'"));
    assertTrue(bad("allow: {ip_ranges: [10.0.0.0/33]}").getMessage().startsWith("kiln.yaml: key 'allow.ip_ranges'"));
    assertEquals("kiln.yaml: key 'ip.publc_only': unknown key (did you mean 'public_only'?)",
        bad("ip: {publc_only: false}").getMessage());
    assertTrue(bad("mask_char: '**'").getMessage().contains("mask_char"));
    assertTrue(bad("secret: {min_entropy: 9}").getMessage().contains("secret.min_entropy"));
  }
}

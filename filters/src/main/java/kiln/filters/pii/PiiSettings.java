package kiln.filters.pii;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import kiln.core.config.ConfigNode;

/**
 * The validated configuration of the PII stage (serializable, so Spark can ship it to executors).
 *
 * <pre>
 * max_spans: -1            # reject a document holding more spans than this (all types); -1 = never (Dolma: 5)
 * hash_salt: kiln-pii      # salt of the hash action
 * mask_char: "*"           # character of the mask action
 * allow:
 *   values: []             # exact strings never reported (case-insensitive)
 *   email_domains: [example.com, example.net, example.org, example, test, invalid, localhost]
 *   ip_ranges: []          # CIDR ranges never reported, e.g. 8.8.8.0/24
 * email:       {enabled: true, action: tag, tag: "&lt;EMAIL&gt;", max_spans: -1}
 * ip:          {..., public_only: true}
 * phone:       {..., regions: [US],          # fallback regions after URL TLD and language
 *               types: [all 11 types], validation: valid}   # see PhoneValidator
 * credit_card: {...}
 * iban:        {...}
 * us_ssn:      {...}
 * national_id: {..., schemes: [es_dni, cn_ric, fi_hetu, se_personnummer, tr_tckimlik, za_idnr, no_fodselsnummer]}
 * secret:      {..., min_entropy: 3.0}
 * </pre>
 */
public record PiiSettings(Map<PiiType, Rule> rules, long maxSpans, String hashSalt, char maskChar,
                          List<String> allowValues, List<String> allowEmailDomains, List<String> allowIpRanges,
                          boolean ipPublicOnly, List<String> phoneRegions, Set<PhoneNumberType> phoneTypes,
                          PhoneValidator.Level phoneValidation, Set<NationalIdScheme> nationalIdSchemes,
                          double secretMinEntropy) implements Serializable {

  public static final long DEFAULT_MAX_SPANS = -1;
  public static final String DEFAULT_HASH_SALT = "kiln-pii";
  public static final char DEFAULT_MASK_CHAR = '*';
  public static final List<String> DEFAULT_PHONE_REGIONS = List.of("US");

  /** Per-type settings. {@code maxSpans} -1 means no per-type limit. */
  public record Rule(boolean enabled, PiiAction action, String tag, long maxSpans) implements Serializable {}

  public PiiSettings {
    rules = new EnumMap<>(rules);
    allowValues = List.copyOf(allowValues);
    allowEmailDomains = List.copyOf(allowEmailDomains);
    allowIpRanges = List.copyOf(allowIpRanges);
    phoneRegions = List.copyOf(phoneRegions);
    phoneTypes = EnumSet.copyOf(phoneTypes);
    nationalIdSchemes = nationalIdSchemes.isEmpty() ? EnumSet.noneOf(NationalIdScheme.class) : EnumSet.copyOf(nationalIdSchemes);
  }

  public static PiiSettings defaults() {
    return fromConfig(ConfigNode.empty("defaults"));
  }

  public Rule rule(PiiType t) {
    return rules.get(t);
  }

  /** The phone check these settings configure. */
  public PhoneValidator phoneValidator() {
    return new PhoneValidator(phoneTypes, phoneValidation);
  }

  /** Reads and validates the stage's config section; unknown keys and bad values fail naming the key. */
  public static PiiSettings fromConfig(ConfigNode cfg) {
    long maxSpans = cfg.integer("max_spans", DEFAULT_MAX_SPANS, -1, Integer.MAX_VALUE);
    String salt = cfg.string("hash_salt", DEFAULT_HASH_SALT);
    String mask = cfg.string("mask_char", String.valueOf(DEFAULT_MASK_CHAR));
    if (mask.length() != 1) {
      throw cfg.error("mask_char", "must be a single character, got '" + mask + "'");
    }
    ConfigNode allow = cfg.childOrEmpty("allow");
    List<String> values = allow.strings("values", List.of());
    List<String> domains = allow.strings("email_domains", AllowList.DEFAULT_EMAIL_DOMAINS);
    List<String> ranges = allow.strings("ip_ranges", List.of());
    for (String r : ranges) {
      try {
        AllowList.parseCidr(r);
      } catch (IllegalArgumentException e) {
        throw allow.error("ip_ranges", e.getMessage());
      }
    }
    allow.rejectUnknown();

    Map<PiiType, Rule> rules = new EnumMap<>(PiiType.class);
    boolean publicOnly = IpDetector.DEFAULT_PUBLIC_ONLY;
    List<String> regions = DEFAULT_PHONE_REGIONS;
    Set<PhoneNumberType> phoneTypes = PhoneValidator.DEFAULT_TYPES;
    PhoneValidator.Level phoneValidation = PhoneValidator.DEFAULT_LEVEL;
    Set<NationalIdScheme> schemes = NationalIdDetector.DEFAULT_SCHEMES;
    double minEntropy = SecretDetector.DEFAULT_MIN_ENTROPY;
    for (PiiType t : PiiType.values()) {
      ConfigNode c = cfg.childOrEmpty(t.key());
      boolean enabled = c.bool("enabled", true);
      PiiAction action = PiiAction.ofKey(c.choice("action", PiiAction.TAG.key(), PiiAction.keys()));
      String tag = c.string("tag", t.defaultTag());
      long typeMax = c.integer("max_spans", -1, -1, Integer.MAX_VALUE);
      switch (t) {
        case IP -> publicOnly = c.bool("public_only", IpDetector.DEFAULT_PUBLIC_ONLY);
        case PHONE -> {
          regions = new ArrayList<>();
          for (String r : c.strings("regions", DEFAULT_PHONE_REGIONS)) {
            String up = r.toUpperCase(java.util.Locale.ROOT);
            if (!PhoneDetector.supportsRegion(up)) {
              throw c.error("regions", "unknown phone region '" + r + "' (ISO 3166 alpha-2, e.g. US, DE)");
            }
            regions.add(up);
          }
          phoneTypes = EnumSet.noneOf(PhoneNumberType.class);
          for (String k : c.strings("types", PhoneValidator.typeKeys(PhoneValidator.DEFAULT_TYPES))) {
            try {
              phoneTypes.add(PhoneValidator.typeOfKey(k));
            } catch (IllegalArgumentException e) {
              throw c.error("types", e.getMessage());
            }
          }
          if (phoneTypes.isEmpty() && enabled) {
            throw c.error("types", "must name at least one type, or set enabled: false");
          }
          if (phoneTypes.isEmpty()) {
            phoneTypes = PhoneValidator.DEFAULT_TYPES;
          }
          List<String> levels = new ArrayList<>();
          for (PhoneValidator.Level l : PhoneValidator.Level.values()) {
            levels.add(l.key());
          }
          phoneValidation = PhoneValidator.Level.ofKey(
              c.choice("validation", PhoneValidator.DEFAULT_LEVEL.key(), levels.toArray(new String[0])));
        }
        case NATIONAL_ID -> {
          schemes = EnumSet.noneOf(NationalIdScheme.class);
          List<String> names = new ArrayList<>();
          for (NationalIdScheme s : NationalIdDetector.DEFAULT_SCHEMES) {
            names.add(s.key());
          }
          for (String s : c.strings("schemes", names)) {
            try {
              schemes.add(NationalIdScheme.ofKey(s));
            } catch (IllegalArgumentException e) {
              throw c.error("schemes", e.getMessage() + " (known: " + String.join(", ", names) + ")");
            }
          }
          if (schemes.isEmpty() && enabled) {
            throw c.error("schemes", "must name at least one scheme, or set enabled: false");
          }
        }
        case SECRET -> minEntropy = c.number("min_entropy", SecretDetector.DEFAULT_MIN_ENTROPY, 0, 8);
        default -> { }
      }
      c.rejectUnknown();
      rules.put(t, new Rule(enabled, action, tag, typeMax));
    }
    cfg.rejectUnknown();
    return new PiiSettings(rules, maxSpans, salt, mask.charAt(0), values, domains, ranges, publicOnly, regions,
        phoneTypes, phoneValidation, schemes, minEntropy);
  }

}

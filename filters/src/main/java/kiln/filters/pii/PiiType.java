package kiln.filters.pii;

import java.util.Locale;

/**
 * The kinds of PII the stage finds. The order is the overlap priority: when two spans overlap, the type
 * declared first wins (a private-key block beats the e-mail address inside it; a valid card number beats
 * the phone number its digits would also parse as).
 */
public enum PiiType {
  SECRET("<SECRET>"),
  EMAIL("<EMAIL>"),
  IBAN("<IBAN>"),
  CREDIT_CARD("<CREDIT_CARD>"),
  US_SSN("<US_SSN>"),
  NATIONAL_ID("<NATIONAL_ID>"),
  IP("<IP>"),
  PHONE("<PHONE>");

  private final String defaultTag;

  PiiType(String defaultTag) {
    this.defaultTag = defaultTag;
  }

  /** Replacement used by the {@code tag} action unless the config sets another. */
  public String defaultTag() {
    return defaultTag;
  }

  /** The config key and meta suffix: {@code credit_card}, {@code us_ssn}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Meta key holding the span count of this type: {@code pii.<key>}. */
  public String metaKey() {
    return "pii." + key();
  }

  public static PiiType ofKey(String key) {
    for (PiiType t : values()) {
      if (t.key().equals(key)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown PII type '" + key + "'");
  }
}

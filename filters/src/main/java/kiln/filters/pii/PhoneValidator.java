package kiln.filters.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Type-aware phone number validation with libphonenumber's metadata: a number is accepted when it passes the
 * {@link Level} check and its {@link PhoneNumberType} is one of the configured types.
 *
 * <ul>
 *   <li>{@link Level#VALID}: the number matches a range of its country's numbering plan
 *       ({@code isValidNumber}) and the range's type is in {@link #types()}.</li>
 *   <li>{@link Level#POSSIBLE}: only the length is checked — the national number has a length some configured
 *       type can have ({@code isPossibleNumberForType}). Accepts numbers in ranges the metadata does not list yet,
 *       and made-up numbers.</li>
 * </ul>
 *
 * <p>Types are libphonenumber's, written snake_case in config ({@code mobile}, {@code fixed_line},
 * {@code fixed_line_or_mobile}, {@code toll_free}, ...). Plans that do not tell mobiles from landlines (US, CA
 * and the rest of +1, China's landline ranges...) give {@code fixed_line_or_mobile}; a "mobile" check therefore
 * means {@link #MOBILE_TYPES}.
 *
 * <p>Two readings of the input: {@link #acceptsCandidate} takes a run the detector scanned out of running text and
 * lets libphonenumber parse it leniently; {@link #acceptsWhole} decides whether a whole string is a phone number of
 * one region, with the strict reading of {@link WholePhoneString}.
 */
public final class PhoneValidator implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** How strictly a number is checked against the numbering plan; config key {@code validation}. */
  public enum Level {
    VALID, POSSIBLE;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Level ofKey(String key) {
      return valueOf(key.toUpperCase(Locale.ROOT));
    }
  }

  /** Every type a valid number can have (all but {@code UNKNOWN}). */
  public static final Set<PhoneNumberType> ALL_TYPES =
      Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(PhoneNumberType.UNKNOWN)));
  /** A mobile number, or one the plan does not tell apart from a landline: validator.js {@code isMobilePhone}. */
  public static final Set<PhoneNumberType> MOBILE_TYPES =
      Collections.unmodifiableSet(EnumSet.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE));
  public static final Set<PhoneNumberType> DEFAULT_TYPES = ALL_TYPES;
  public static final Level DEFAULT_LEVEL = Level.VALID;

  private final EnumSet<PhoneNumberType> types;
  private final Level level;
  private final boolean allTypes;

  public PhoneValidator(Set<PhoneNumberType> types, Level level) {
    if (types == null || types.isEmpty()) {
      throw new IllegalArgumentException("types must name at least one phone number type");
    }
    if (types.contains(PhoneNumberType.UNKNOWN)) {
      throw new IllegalArgumentException("types: 'unknown' is not a type of a number");
    }
    if (level == null) {
      throw new IllegalArgumentException("level must not be null");
    }
    this.types = EnumSet.copyOf(types);
    this.level = level;
    this.allTypes = this.types.containsAll(ALL_TYPES);
  }

  public static PhoneValidator defaults() {
    return new PhoneValidator(DEFAULT_TYPES, DEFAULT_LEVEL);
  }

  public Set<PhoneNumberType> types() {
    return Collections.unmodifiableSet(types);
  }

  public Level level() {
    return level;
  }

  /** Whether every type is accepted (then the detector may also report numbers of unknown plans). */
  public boolean allTypes() {
    return allTypes;
  }

  /**
   * Whether a parsed number passes: for {@code region} (ISO 3166 alpha-2) when given — the number must belong to
   * that region — else for whatever region its country code and digits say.
   */
  public boolean accepts(PhoneNumber p, String region) {
    if (level == Level.VALID) {
      boolean valid = region == null ? UTIL.isValidNumber(p) : UTIL.isValidNumberForRegion(p, region);
      // A valid number always has a known type, so with all types the type lookup can be skipped.
      return valid && (allTypes || types.contains(UTIL.getNumberType(p)));
    }
    if (region != null && p.getCountryCode() != UTIL.getCountryCodeForRegion(region)) {
      return false;
    }
    for (PhoneNumberType t : types) {
      if (UTIL.isPossibleNumberForType(p, t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A candidate scanned out of text ({@code +44 20 7946 0958}, {@code (415) 555-2671}), parsed leniently with
   * {@code defaultRegion} for numbers without a country code; it may belong to any region.
   */
  public boolean acceptsCandidate(String candidate, String defaultRegion) {
    try {
      return accepts(UTIL.parse(candidate, defaultRegion), null);
    } catch (NumberParseException e) {
      return false;
    }
  }

  /**
   * A candidate written as {@code +CC ...} whose country code names a country (or a non-geographic service) and
   * whose national number has a length the plan allows ({@code isPossibleNumberWithReason == IS_POSSIBLE}; local-only
   * lengths do not count). For E.123 international forms in made-up or newer ranges.
   */
  public boolean acceptsPossibleInternational(String candidate) {
    try {
      PhoneNumber p = UTIL.parse(candidate, "ZZ");
      return !UTIL.getRegionCodeForCountryCode(p.getCountryCode()).equals("ZZ")
          && UTIL.isPossibleNumberWithReason(p) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;
    } catch (NumberParseException e) {
      return false;
    }
  }

  /** Whether {@code cc} is an assigned country calling code (of a region or a non-geographic service). */
  public static boolean isCountryCode(int cc) {
    return UTIL.getSupportedCallingCodes().contains(cc);
  }

  /** The country calling code of {@code region}, or 0. */
  public static int countryCode(String region) {
    return UTIL.getCountryCodeForRegion(region);
  }

  /**
   * Whether the whole string {@code s} is a phone number of {@code region} with an accepted type, in one of the
   * written forms {@link WholePhoneString} reads; a number written with the region's country code but no {@code +}
   * ({@code 49 1512 3456789}) counts when the national reading does not pass.
   */
  public boolean acceptsWhole(String s, String region) {
    for (PhoneNumber p : WholePhoneString.readings(s, region)) {
      if (accepts(p, region)) {
        return true;
      }
    }
    return false;
  }

  /** The config key of a type: {@code FIXED_LINE_OR_MOBILE} is {@code fixed_line_or_mobile}. */
  public static String typeKey(PhoneNumberType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }

  /** The type of a config key; throws IllegalArgumentException naming the known keys. */
  public static PhoneNumberType typeOfKey(String key) {
    for (PhoneNumberType t : ALL_TYPES) {
      if (typeKey(t).equals(key)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown phone number type '" + key + "' (known: "
        + String.join(", ", typeKeys(ALL_TYPES)) + ")");
  }

  public static List<String> typeKeys(Set<PhoneNumberType> ts) {
    List<String> out = new ArrayList<>();
    for (PhoneNumberType t : EnumSet.copyOf(ts)) {
      out.add(typeKey(t));
    }
    return out;
  }

  /** Whether libphonenumber has metadata for {@code region}. */
  public static boolean supportsRegion(String region) {
    return UTIL.getSupportedRegions().contains(region);
  }
}

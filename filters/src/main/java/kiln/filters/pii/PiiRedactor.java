package kiln.filters.pii;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the enabled detectors, resolves overlapping spans and rewrites the text.
 *
 * <p>Overlaps are resolved greedily in a fixed order — type priority ({@link PiiType} declaration order),
 * then start offset, then longer span first — and a span is kept only when it overlaps no kept span. The
 * result depends only on the text and the settings.
 */
public final class PiiRedactor {
  private static final Comparator<PiiSpan> PRIORITY = Comparator.<PiiSpan>comparingInt(s -> s.type().ordinal())
      .thenComparingInt(PiiSpan::start).thenComparingInt(s -> -s.length());

  private final List<PiiDetector> detectors;
  private final Map<PiiType, PiiSettings.Rule> rules;
  private final AllowList allow;
  private final String salt;
  private final char maskChar;

  /** Result of one text: the rewritten text, the kept spans (by start) and the span count per type. */
  public record Result(String text, List<PiiSpan> spans, Map<PiiType, Integer> counts) {
    public int total() {
      return spans.size();
    }
  }

  public PiiRedactor(PiiSettings s) {
    this.rules = s.rules();
    this.allow = new AllowList(s.allowValues(), s.allowEmailDomains(), s.allowIpRanges());
    this.salt = s.hashSalt();
    this.maskChar = s.maskChar();
    this.detectors = new ArrayList<>();
    for (PiiType t : PiiType.values()) {
      if (!s.rule(t).enabled()) {
        continue;
      }
      detectors.add(switch (t) {
        case SECRET -> new SecretDetector(s.secretMinEntropy());
        case EMAIL -> new EmailDetector(allow);
        case IBAN -> new IbanDetector();
        case CREDIT_CARD -> new PaymentCardDetector();
        case US_SSN -> new UsSsnDetector();
        case NATIONAL_ID -> new NationalIdDetector(s.nationalIdSchemes());
        case IP -> new IpDetector(s.ipPublicOnly(), allow);
        case PHONE -> new PhoneDetector(s.phoneValidator());
      });
    }
  }

  /** All non-overlapping spans in {@code text}, ordered by start. */
  public List<PiiSpan> find(String text, PiiContext context) {
    List<PiiSpan> all = new ArrayList<>();
    for (PiiDetector d : detectors) {
      d.detect(text, context, all);
    }
    if (all.isEmpty()) {
      return all;
    }
    all.removeIf(sp -> allow.allowsValue(sp.value()));
    all.sort(PRIORITY);
    TreeMap<Integer, PiiSpan> kept = new TreeMap<>();
    for (PiiSpan sp : all) {
      Map.Entry<Integer, PiiSpan> before = kept.floorEntry(sp.start());
      if (before != null && before.getValue().end() > sp.start()) {
        continue;
      }
      Map.Entry<Integer, PiiSpan> after = kept.ceilingEntry(sp.start());
      if (after != null && after.getKey() < sp.end()) {
        continue;
      }
      kept.put(sp.start(), sp);
    }
    return new ArrayList<>(kept.values());
  }

  public Result redact(String text, PiiContext context) {
    List<PiiSpan> spans = find(text, context);
    Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
    if (spans.isEmpty()) {
      return new Result(text, spans, counts);
    }
    StringBuilder sb = new StringBuilder(text.length());
    int pos = 0;
    for (PiiSpan sp : spans) {
      counts.merge(sp.type(), 1, Integer::sum);
      PiiSettings.Rule rule = rules.get(sp.type());
      sb.append(text, pos, sp.start());
      switch (rule.action()) {
        case TAG -> sb.append(rule.tag());
        case MASK -> mask(sb, sp.value());
        case HASH -> sb.append(hashed(rule.tag(), sp));
        case KEEP -> sb.append(sp.value());
      }
      pos = sp.end();
    }
    sb.append(text, pos, text.length());
    return new Result(sb.toString(), spans, counts);
  }

  private void mask(StringBuilder sb, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      sb.append(Character.isLetterOrDigit(c) ? maskChar : c);
    }
  }

  /** {@code <TAG:h>} where h is the first 16 hex digits of SHA-256(salt NUL type NUL value). */
  String hashed(String tag, PiiSpan sp) {
    String h = sha256Hex(salt + '\u0000' + sp.type().key() + '\u0000' + sp.value()).substring(0, 16);
    return tag.endsWith(">") ? tag.substring(0, tag.length() - 1) + ":" + h + ">" : tag + ":" + h;
  }

  static String sha256Hex(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : d) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}

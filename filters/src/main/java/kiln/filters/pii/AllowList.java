package kiln.filters.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Values that look like PII but are not: exact strings (case-insensitive), e-mail domains (a domain and its
 * subdomains; by default the RFC 2606/6761 documentation names {@code example.com/.net/.org} and the
 * {@code .example .test .invalid .localhost} TLDs) and IP ranges in CIDR notation.
 */
public final class AllowList {
  public static final List<String> DEFAULT_EMAIL_DOMAINS = List.of(
      "example.com", "example.net", "example.org", "example", "test", "invalid", "localhost");

  private final Set<String> values;
  private final List<String> domains;
  private final List<int[]> ranges; // {prefix bits, 8 groups of 16 bits (IPv4 mapped into ::ffff:0:0/96)}

  public AllowList(List<String> values, List<String> emailDomains, List<String> ipRanges) {
    this.values = new TreeSet<>();
    for (String v : values) {
      this.values.add(v.toLowerCase(Locale.ROOT));
    }
    this.domains = new ArrayList<>();
    for (String d : emailDomains) {
      String l = d.toLowerCase(Locale.ROOT);
      this.domains.add(l.startsWith(".") ? l.substring(1) : l);
    }
    this.ranges = new ArrayList<>();
    for (String r : ipRanges) {
      this.ranges.add(parseCidr(r));
    }
  }

  public static AllowList defaults() {
    return new AllowList(List.of(), DEFAULT_EMAIL_DOMAINS, List.of());
  }

  public static AllowList none() {
    return new AllowList(List.of(), List.of(), List.of());
  }

  /** Exact value on the list (any type). */
  public boolean allowsValue(String value) {
    return !values.isEmpty() && values.contains(value.toLowerCase(Locale.ROOT));
  }

  boolean allowsEmail(String email) {
    if (allowsValue(email)) {
      return true;
    }
    String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    for (String d : domains) {
      if (domain.equals(d) || domain.endsWith("." + d)) {
        return true;
      }
    }
    return false;
  }

  /** {@code address} is 4 octets (IPv4) or 8 groups (IPv6). */
  boolean allowsIp(int[] address) {
    if (ranges.isEmpty()) {
      return false;
    }
    int[] g = address.length == 4 ? mapped(address) : address;
    for (int[] r : ranges) {
      if (inRange(g, r)) {
        return true;
      }
    }
    return false;
  }

  private static int[] mapped(int[] v4) {
    return new int[] {0, 0, 0, 0, 0, 0xffff, (v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]};
  }

  private static boolean inRange(int[] g, int[] r) {
    int bits = r[0];
    for (int k = 0; k < 8 && bits > 0; k++) {
      int take = Math.min(16, bits);
      int mask = (0xffff << (16 - take)) & 0xffff;
      if ((g[k] & mask) != (r[k + 1] & mask)) {
        return false;
      }
      bits -= take;
    }
    return true;
  }

  /** {@code a.b.c.d/n} or {@code v6/n}; a bare address is a single-host range. */
  static int[] parseCidr(String cidr) {
    String[] parts = cidr.trim().split("/", 2);
    int[] v4 = IpDetector.parseV4(parts[0]);
    int[] g;
    int max;
    int offset;
    if (v4 != null) {
      g = mapped(v4);
      max = 32;
      offset = 96;
    } else {
      g = IpDetector.parseV6(parts[0]);
      max = 128;
      offset = 0;
      if (g == null) {
        throw new IllegalArgumentException("not an IP address or CIDR range: '" + cidr + "'");
      }
    }
    int bits = max;
    if (parts.length == 2) {
      try {
        bits = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > max) {
        throw new IllegalArgumentException("bad prefix length in '" + cidr + "' (0-" + max + ")");
      }
    }
    int[] r = new int[9];
    r[0] = bits + offset;
    System.arraycopy(g, 0, r, 1, 8);
    return r;
  }
}

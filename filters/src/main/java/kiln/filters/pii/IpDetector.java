package kiln.filters.pii;

import java.util.List;

/**
 * IPv4 and IPv6 addresses.
 *
 * <p>IPv4: four dot-separated decimal octets 0-255 without leading zeros (validator.js {@code isIP}); the
 * address must not touch a word character, another dot-number (so OIDs such as {@code 1.3.6.1.4.1} and
 * five-part versions are skipped) and must not follow a version word ({@code version}, {@code v}, {@code ver},
 * {@code release}, {@code build}) within the 12 characters before it.
 *
 * <p>IPv6: a run of hex digits, colons (and a trailing dotted IPv4) not touching a word character,
 * validated by RFC 4291 text rules: groups of 1-4 hex digits, at most one {@code ::}, 8 groups without it and
 * at most 7 with it, an embedded IPv4 counting as two groups, optional {@code %zone} (RFC 4007). Every RFC 5952
 * form is read: full, compressed, upper case, mixed ({@code ::ffff:192.0.2.1}, {@code 64:ff9b::192.0.2.33}),
 * bracketed with a port ({@code [2001:db8::1]:8080}), after a label glued by its colon ({@code addr:2a00::1},
 * {@code IPv6:2a00::1}), with a trailing {@code :port} after a dotted quad. The IPv4 scan leaves the dotted tail
 * of an IPv6 text to the IPv6 scan.
 *
 * <p>With {@code public_only} (the default) only globally routable addresses are reported: private,
 * loopback, link-local, shared (100.64/10), multicast, reserved, benchmarking and documentation ranges (RFC
 * 5737 {@code 192.0.2/24, 198.51.100/24, 203.0.113/24}; RFC 3849 {@code 2001:db8::/32}) are kept, like
 * datatrove's {@code ipaddress.is_global} test; an IPv4-mapped or NAT64 address is public when its embedded
 * IPv4 address is. Addresses in allow-listed ranges are kept as well.
 */
public final class IpDetector implements PiiDetector {
  public static final boolean DEFAULT_PUBLIC_ONLY = true;

  private final boolean publicOnly;
  private final AllowList allow;

  public IpDetector(boolean publicOnly, AllowList allow) {
    this.publicOnly = publicOnly;
    this.allow = allow;
  }

  @Override
  public PiiType type() {
    return PiiType.IP;
  }

  @Override
  public void detect(String text, PiiContext context, List<PiiSpan> out) {
    if (text.indexOf('.') >= 0) {
      detectV4(text, out);
    }
    if (text.indexOf(':') >= 0) {
      detectV6(text, out);
    }
  }

  private void detectV4(String text, List<PiiSpan> out) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!Chars.isAsciiDigit(c)) {
        i++;
        continue;
      }
      int start = i;
      // Maximal run of digits and dots starting here.
      int e = i;
      while (e < n && (Chars.isAsciiDigit(text.charAt(e)) || text.charAt(e) == '.')) {
        e++;
      }
      int end = e;
      while (end > start && text.charAt(end - 1) == '.') {
        end--;
      }
      i = e;
      // A dot right before is part of a dotted word ("v.1.2.3.4", "sec.1.2.3.4"), but not an ellipsis or a
      // sentence end ("...8.8.8.8", "see.8.8.8.8" is still skipped).
      boolean dotBefore = start > 0 && text.charAt(start - 1) == '.' && Chars.wordBefore(text, start - 1);
      if (Chars.wordBefore(text, start) || dotBefore || Chars.wordAt(text, e) || v6Before(text, start)) {
        continue;
      }
      String cand = text.substring(start, end);
      int[] v4 = parseV4(cand);
      if (v4 == null || versionContext(text, start)) {
        continue;
      }
      if ((!publicOnly || isPublicV4(v4)) && !allow.allowsIp(v4)) {
        out.add(new PiiSpan(start, end, PiiType.IP, cand));
      }
    }
  }

  /**
   * Whether the dotted quad ends a hex/colon run with two or more colons ({@code 0:0:0:0:0:0:ffff:127.0.0.1}): the
   * IPv4 part of an IPv6 text, which the IPv6 scan decides on as a whole. One colon is a label or a field
   * ({@code ip:8.8.8.8}, {@code IPv4:8.8.8.8}).
   */
  private static boolean v6Before(String text, int start) {
    if (start == 0 || text.charAt(start - 1) != ':') {
      return false;
    }
    int colons = 0;
    for (int k = start - 1; k >= 0 && (Chars.isHex(text.charAt(k)) || text.charAt(k) == ':'); k--) {
      colons += text.charAt(k) == ':' ? 1 : 0;
    }
    return colons >= 2;
  }

  private static boolean versionContext(String text, int start) {
    String before = Chars.window(text, start - 12, start);
    return before.matches("(?s).*\\b(version|ver\\.?|v|release|build|firmware|r)\\s*$") || before.endsWith("v");
  }

  private void detectV6(String text, List<PiiSpan> out) {
    int n = text.length();
    int i = text.indexOf(':');
    while (i >= 0 && i < n) {
      // Walk back to the start of the hex/colon run around this colon.
      int s = i;
      while (s > 0 && (Chars.isHex(text.charAt(s - 1)) || text.charAt(s - 1) == ':')) {
        s--;
      }
      int e = i;
      while (e < n && (Chars.isHex(text.charAt(e)) || text.charAt(e) == ':' || text.charAt(e) == '.')) {
        e++;
      }
      while (e > s && (text.charAt(e - 1) == '.' || (text.charAt(e - 1) == ':' && !(e - 2 >= s && text.charAt(e - 2) == ':')))) {
        e--;
      }
      int next = Math.max(e + 1, i + 1);
      int found = e - s >= 2 && !Chars.wordAt(text, e) ? v6InRun(text, s, e, out) : -1;
      if (found > 0) {
        next = found;
      }
      i = text.indexOf(':', next);
    }
  }

  /**
   * The address in the hex/colon run {@code [s, e)}: the whole run, or, when the run starts inside a word, the
   * run after that word's colon ({@code addr:2a00::1}, {@code IPv6:2a00::1}, {@code field:::1}); then, if that does
   * not parse, without a trailing {@code :port} ({@code ::ffff:8.8.8.8:53}). Runs that do not parse are not cut
   * any further: the tail of an invalid address ({@code 2001:db8:0:1:1:1:1::1}) is no address. The first reading
   * that parses decides; a valid address outside the reported ranges ends the search. Returns the end of the
   * examined run, or -1.
   */
  private int v6InRun(String text, int s, int e, List<PiiSpan> out) {
    int[] starts = new int[2];
    int ns = 0;
    if (!Chars.wordBefore(text, s)) {
      starts[ns++] = s;
    } else {
      // A label glued by its colon: the run starts inside the label's word ("IPv6:" starts at '6', "addr:" at
      // the colon). The address starts after that colon; a label colon before "::" makes ":::".
      int k = text.indexOf(':', s);
      int r = k;
      while (r < e && text.charAt(r) == ':') {
        r++;
      }
      if (r - k == 1 || r - k == 3) {
        starts[ns++] = k + 1;
      }
    }
    int portCut = -1;
    int lastColon = text.lastIndexOf(':', e - 1);
    if (lastColon > s && text.charAt(lastColon - 1) != ':' && e - lastColon - 1 >= 1 && e - lastColon - 1 <= 5
        && allDigits(text, lastColon + 1, e)) {
      portCut = lastColon;
    }
    for (int si = 0; si < ns; si++) {
      int st = starts[si];
      for (int end : new int[] {e, portCut}) {
        if (end <= st + 1 || colons(text, st, end) < 2) {
          continue;
        }
        int[] groups = parseV6(text.substring(st, end));
        if (groups == null) {
          continue;
        }
        int spanEnd = zoneEnd(text, end);
        if (spanEnd < 0) {
          return end;
        }
        if ((!publicOnly || isPublicV6(groups)) && !allow.allowsIp(groups)) {
          out.add(new PiiSpan(st, spanEnd, PiiType.IP, text.substring(st, spanEnd)));
        }
        return spanEnd;
      }
    }
    return -1;
  }

  /**
   * End of a {@code %zone} suffix at {@code end} (letters, digits and dots, as validator.js; an interface name or
   * index such as {@code eth0}, {@code 1}, {@code pvc1.3}, at most {@link #MAX_ZONE} characters), {@code end} when
   * there is none, or -1 when the text after {@code %} is no zone: longer, or running on into {@code - _ :} or
   * other word characters.
   */
  private static int zoneEnd(String text, int end) {
    int n = text.length();
    if (end >= n || text.charAt(end) != '%') {
      return end;
    }
    int z = end + 1;
    while (z < n && (Chars.isAsciiDigit(text.charAt(z)) || Chars.isAsciiLetter(text.charAt(z)) || text.charAt(z) == '.')) {
      z++;
    }
    while (z > end + 1 && text.charAt(z - 1) == '.') {
      z--;
    }
    if (z == end + 1) {
      return end; // "%" alone: a percent sign after the address
    }
    boolean runsOn = z < n && (Chars.isWord(text.charAt(z)) || text.charAt(z) == '-' || text.charAt(z) == ':'
        || (text.charAt(z) == '.' && z + 1 < n && Chars.isWord(text.charAt(z + 1))));
    return runsOn || z - end - 1 > MAX_ZONE ? -1 : z;
  }

  /** Longest zone id reported with an address (interface names are at most 15 characters on Linux). */
  static final int MAX_ZONE = 32;

  private static boolean allDigits(String t, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!Chars.isAsciiDigit(t.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static int colons(String t, int s, int e) {
    int c = 0;
    for (int i = s; i < e; i++) {
      if (t.charAt(i) == ':') {
        c++;
      }
    }
    return c;
  }

  /** Whole-string validation: IPv4 or IPv6 (with optional zone), any range. */
  public static boolean isValid(String s) {
    return isValidV4(s) || isValidV6(s);
  }

  public static boolean isValidV4(String s) {
    return parseV4(s) != null;
  }

  public static boolean isValidV6(String s) {
    int pct = s.indexOf('%');
    if (pct >= 0) {
      String zone = s.substring(pct + 1);
      if (zone.isEmpty() || !zone.matches("[0-9A-Za-z.]+")) {
        return false;
      }
      s = s.substring(0, pct);
    }
    return parseV6(s) != null;
  }

  /** The four octets, or null. */
  static int[] parseV4(String s) {
    int[] o = new int[4];
    int part = 0;
    int i = 0;
    int n = s.length();
    while (true) {
      int st = i;
      int v = 0;
      while (i < n && Chars.isAsciiDigit(s.charAt(i))) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
        if (i - st > 3) {
          return null;
        }
      }
      int len = i - st;
      if (len == 0 || v > 255 || (len > 1 && s.charAt(st) == '0')) {
        return null;
      }
      o[part++] = v;
      if (part == 4) {
        return i == n ? o : null;
      }
      if (i >= n || s.charAt(i) != '.') {
        return null;
      }
      i++;
    }
  }

  /** The eight 16-bit groups, or null. */
  static int[] parseV6(String s) {
    if (s.isEmpty() || s.indexOf(':') < 0) {
      return null;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    String head = dbl >= 0 ? s.substring(0, dbl) : s;
    String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
    int[] h = groups(head, dbl < 0 || tail.isEmpty());
    if (h == null) {
      return null;
    }
    int[] t = dbl >= 0 ? groups(tail, true) : new int[0];
    if (t == null) {
      return null;
    }
    if (dbl >= 0 && (h.length > 0 && head.contains(".") )) {
      return null; // an embedded IPv4 may only end the address
    }
    int total = h.length + t.length;
    if (dbl < 0 ? total != 8 : total > 7) {
      return null;
    }
    int[] g = new int[8];
    System.arraycopy(h, 0, g, 0, h.length);
    System.arraycopy(t, 0, g, 8 - t.length, t.length);
    return g;
  }

  /** Colon-separated groups; an IPv4 is allowed as the last part when {@code v4Last}. */
  private static int[] groups(String part, boolean v4Last) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] ps = part.split(":", -1);
    int extra = 0;
    int[] v4 = null;
    if (v4Last && ps[ps.length - 1].indexOf('.') >= 0) {
      v4 = parseV4(ps[ps.length - 1]);
      if (v4 == null) {
        return null;
      }
      extra = 1;
    }
    int[] g = new int[ps.length + extra];
    for (int i = 0; i < ps.length - (v4 == null ? 0 : 1); i++) {
      String p = ps[i];
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < p.length(); k++) {
        char c = p.charAt(k);
        if (!Chars.isHex(c)) {
          return null;
        }
        v = v * 16 + Character.digit(c, 16);
      }
      g[i] = v;
    }
    if (v4 != null) {
      g[g.length - 2] = (v4[0] << 8) | v4[1];
      g[g.length - 1] = (v4[2] << 8) | v4[3];
    }
    return g;
  }

  /** Globally routable IPv4 (Python's {@code ipaddress} {@code is_global}, IANA special-purpose registry). */
  public static boolean isPublicV4(int[] o) {
    int a = o[0];
    int b = o[1];
    int c = o[2];
    if (a == 0 || a == 10 || a == 127 || a >= 224) {
      return false; // this-network, private, loopback, multicast, reserved, broadcast
    }
    if (a == 100 && b >= 64 && b <= 127) {
      return false; // shared address space (carrier-grade NAT)
    }
    if (a == 169 && b == 254) {
      return false; // link-local
    }
    if (a == 172 && b >= 16 && b <= 31) {
      return false;
    }
    if (a == 192 && b == 168) {
      return false;
    }
    if (a == 192 && b == 0 && (c == 0 || c == 2)) {
      return false; // IETF protocol assignments, TEST-NET-1
    }
    if (a == 198 && (b == 18 || b == 19)) {
      return false; // benchmarking
    }
    if (a == 198 && b == 51 && c == 100) {
      return false; // TEST-NET-2
    }
    return !(a == 203 && b == 0 && c == 113); // TEST-NET-3
  }

  /**
   * Globally routable IPv6: inside 2000::/3 and outside the documentation, ORCHID and protocol blocks; or an
   * IPv4-mapped ({@code ::ffff:0:0/96}) or NAT64 well-known-prefix ({@code 64:ff9b::/96}, RFC 6052) address whose
   * embedded IPv4 address is global — those carry a host's IPv4 address.
   */
  public static boolean isPublicV6(int[] g) {
    boolean zero4 = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
    boolean mapped = zero4 && g[5] == 0xffff;
    boolean nat64 = g[0] == 0x64 && g[1] == 0xff9b && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0;
    if (mapped || nat64) {
      return isPublicV4(new int[] {g[6] >>> 8, g[6] & 0xff, g[7] >>> 8, g[7] & 0xff});
    }
    if ((g[0] & 0xE000) != 0x2000) {
      return false; // not global unicast: ::, ::1, fc00::/7, fe80::/10, ff00::/8 ...
    }
    if (g[0] == 0x2001 && g[1] == 0x0db8) {
      return false; // documentation
    }
    if (g[0] == 0x2001 && g[1] < 0x0200) {
      return false; // IETF protocol assignments (2001::/23), incl. Teredo and ORCHID
    }
    return g[0] != 0x2002; // 6to4 relays: the embedded IPv4 decides, and those are not end hosts
  }
}

package kiln.filters.pii;

import static kiln.filters.pii.DetectorTestSupport.found;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpDetectorTest {
  private final IpDetector publicOnly = new IpDetector(true, AllowList.none());
  private final IpDetector all = new IpDetector(false, AllowList.none());

  @Test
  void publicV4OnlyByDefault() {
    String t = "hosts 8.8.8.8, 10.0.0.1, 192.168.1.20, 127.0.0.1, 192.0.2.7 (RFC 5737) and 203.0.113.9; 172.32.0.1.";
    assertEquals(List.of("8.8.8.8", "172.32.0.1"), found(publicOnly, t));
    assertEquals(List.of("8.8.8.8", "10.0.0.1", "192.168.1.20", "127.0.0.1", "192.0.2.7", "203.0.113.9", "172.32.0.1"),
        found(all, t));
  }

  @Test
  void skipsVersionsOidsAndBadOctets() {
    assertEquals(List.of(), found(publicOnly, "version 4.2.1.10, v1.2.3.4, OID 1.3.6.1.4.1.343, 256.1.1.1, 01.2.3.4"));
    assertEquals(List.of(), found(publicOnly, "release 12.0.0.1 and build 9.9.9.9"));
  }

  @Test
  void v6GlobalUnicastOnly() {
    assertEquals(List.of("2a00:1450:4001:82a::200e"),
        found(publicOnly, "AAAA 2a00:1450:4001:82a::200e, doc 2001:db8::1, fe80::1%eth0, ::1, std::vector, 12:30:45"));
    assertEquals(List.of("fe80::1%eth0"), found(all, "link fe80::1%eth0 here"));
  }

  @Test
  void v6GroupCounting() {
    assertTrue(IpDetector.isValidV6("0:0:0:0:0:ffff:127.0.0.1")); // 6 groups + IPv4 (2 groups) = 8
    assertFalse(IpDetector.isValidV6("0:0:0:0:0:0:ffff:127.0.0.1")); // 7 + 2 = 9
    assertFalse(IpDetector.isValidV6("2001:db8:0:1:1:1:1::1")); // 8 groups plus '::'
    assertTrue(IpDetector.isValidV6("1:2:3:4:5:6:7::")); // 7 groups plus '::'
    assertFalse(IpDetector.isValidV6("::1::"));
  }

  @Test
  void rfc5952Representations() {
    // RFC 5952 section 2: one address, many texts; section 4: the recommended (canonical) form.
    for (String v : new String[] {"2001:db8:0:0:1:0:0:1", "2001:0db8:0:0:1:0:0:1", "2001:db8::1:0:0:1",
        "2001:db8::0:1:0:0:1", "2001:0db8::1:0:0:1", "2001:db8:0:0:1::1", "2001:db8:0000:0:1::1", "2001:DB8:0:0:1::1",
        "2001:db8:0:1:1:1:1:1", "2001:0:0:1::1", "2001:db8::aaaa:0:0:1", "2001:db8:0:0:aaaa::1", "::1", "::",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334"}) {
      assertEquals(List.of(v), found(all, "Address " + v + ", noted."), v);
    }
  }

  @Test
  void mixedZonesAndPorts() {
    // RFC 5952 section 5 (IPv4-mapped, text form with the dotted quad), RFC 6052 NAT64, RFC 4007 zones,
    // section 6 ports: brackets, "port", "#".
    assertEquals(List.of("::ffff:192.0.2.1"), found(all, "mapped ::ffff:192.0.2.1."));
    assertEquals(List.of("64:ff9b::192.0.2.33"), found(all, "NAT64 (64:ff9b::192.0.2.33)"));
    assertEquals(List.of("fe80::1%eth0"), found(all, "link-local fe80::1%eth0, ok"));
    assertEquals(List.of("ff02::5678%pvc1.3"), found(all, "group ff02::5678%pvc1.3."));
    assertEquals(List.of("2001:db8::1", "2001:db8::1", "2001:db8::1"),
        found(all, "[2001:db8::1]:80 or 2001:db8::1 port 80 or 2001:db8::1#80"));
    assertEquals(List.of("::ffff:8.8.8.8"), found(publicOnly, "mapped ::ffff:8.8.8.8:53"));
    assertEquals(List.of("8.8.8.8"), found(publicOnly, "dns 8.8.8.8:53, done"));
  }

  @Test
  void v4MappedAndNat64CarryTheirIpv4() {
    // Public-only: an IPv4-mapped or NAT64 address is global when its embedded IPv4 address is.
    assertEquals(List.of("::ffff:8.8.8.8", "64:ff9b::8.8.4.4"),
        found(publicOnly, "seen ::ffff:8.8.8.8 and 64:ff9b::8.8.4.4 but not ::ffff:10.0.0.1 or 64:ff9b::192.168.0.1"));
  }

  @Test
  void punctuationAndLabelsAroundAddresses() {
    String v6 = "2a00:1450:4001:82a::200e";
    String v4 = "8.8.8.8";
    for (String t : new String[] {"\"%s\"", "(%s)", "[%s],", "<%s>", "ip:%s;", "IPv6:%s.", "'%s'.", "{%s}", "«%s»",
        "%s!", "addr=%s&x=1", "...%s", "http://[%s]:8080/"}) {
      assertEquals(List.of(v6), found(publicOnly, "x " + String.format(t, v6) + " y"), t);
      if (!t.startsWith("http")) {
        assertEquals(List.of(v4), found(publicOnly, "x " + String.format(t.replace("IPv6", "IPv4"), v4) + " y"), t);
      }
    }
    assertEquals(List.of("::1"), found(all, "localhost:::1"));
  }

  @Test
  void notAddresses() {
    // Times, MAC addresses, C++ scopes, ratios, the tail of an invalid address (validator.js negatives), an IPv4
    // inside an invalid IPv6 text, a run-on zone, versions and OIDs.
    assertEquals(List.of(), found(all, "at 12:30:45, MAC 00:1a:2b:3c:4d:5e, std::vector, 16:9:4, 2001:db8:0000:1:1:1:1::1,"
        + " 0:0:0:0:0:0:ffff:127.0.0.1, :1:1:1::2, 1dC:0DF8:62D:3AC::%KTat-D-D8, version 1.2.3.4, 1.3.6.1.4.1.343,"
        + " sec.1.2.3.4 and v1.2.3.4"));
  }
}

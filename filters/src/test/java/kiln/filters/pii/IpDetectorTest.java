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
}

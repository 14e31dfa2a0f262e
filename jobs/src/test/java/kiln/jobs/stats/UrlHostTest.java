package kiln.jobs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class UrlHostTest {
  @Test
  void readsHostsThatUriRefuses() {
    assertEquals("example.com", UrlHost.of("https://Example.COM/a/b?c#d"));
    assertEquals("example.com", UrlHost.of("http://example.com/a page with spaces.html"));
    assertEquals("bücher.de", UrlHost.of("http://Bücher.de/ü ber"));
    assertEquals("example.org", UrlHost.of("http://user:pw@example.org:8080/x"));
    assertEquals("2001:db8::1", UrlHost.of("http://[2001:db8::1]:80/ x"));
    assertEquals("example.net", UrlHost.of("  http://example.net  "));
  }

  @Test
  void urlsWithoutHostAreInvalidNotErrors() {
    // The record that aborted `kiln ingest` on the shared WARCs (issue 14).
    assertEquals(StageProfile.INVALID, UrlHost.of("file:///example with spaces.png"));
    assertEquals(StageProfile.INVALID, UrlHost.of("mailto:someone@example.com"));
    assertEquals(StageProfile.INVALID, UrlHost.of("not a url at all"));
    assertEquals(StageProfile.INVALID, UrlHost.of("http://exa mple.com/"));
    assertEquals(StageProfile.INVALID, UrlHost.of("://nohost"));
    assertNull(UrlHost.of(null));
    assertNull(UrlHost.of(" "));
  }
}

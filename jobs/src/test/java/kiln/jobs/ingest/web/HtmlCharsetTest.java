package kiln.jobs.ingest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HtmlCharsetTest {
  static final String TEXT = "<html><head>%s</head><body>caf\u00e9 \u00fcber na\u00efve</body></html>";

  @Test
  void httpHeaderWins() {
    byte[] b = String.format(TEXT, "").getBytes(StandardCharsets.ISO_8859_1);
    HtmlCharset.Decoded d = HtmlCharset.decode(b, b.length, "text/html; charset=ISO-8859-1");
    assertEquals("windows-1252", d.charset().name());
    assertEquals(String.format(TEXT, ""), d.text());
  }

  @Test
  void metaCharsetWhenNoHeader() {
    String html = "<html><head><meta charset=\"koi8-r\"></head><body>\u041f\u0440\u0438\u0432\u0435\u0442</body></html>";
    byte[] b = html.getBytes(Charset.forName("KOI8-R"));
    HtmlCharset.Decoded d = HtmlCharset.decode(b, b.length, null);
    assertEquals("KOI8-R", d.charset().name());
    assertEquals("meta", d.how());
    assertEquals(html, d.text());
  }

  @Test
  void bomBeatsEverything() {
    byte[] body = String.format(TEXT, "").getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[body.length + 3];
    b[0] = (byte) 0xEF;
    b[1] = (byte) 0xBB;
    b[2] = (byte) 0xBF;
    System.arraycopy(body, 0, b, 3, body.length);
    HtmlCharset.Decoded d = HtmlCharset.decode(b, b.length, "text/html; charset=iso-8859-1");
    assertEquals(StandardCharsets.UTF_8, d.charset());
    assertEquals(String.format(TEXT, ""), d.text());
  }

  @Test
  void detectorPicksUtf8ThenWindows1252() {
    byte[] utf8 = String.format(TEXT, "").getBytes(StandardCharsets.UTF_8);
    assertEquals(StandardCharsets.UTF_8, HtmlCharset.decode(utf8, utf8.length, "text/html").charset());
    byte[] latin = String.format(TEXT, "").getBytes(StandardCharsets.ISO_8859_1);
    HtmlCharset.Decoded d = HtmlCharset.decode(latin, latin.length, null);
    assertEquals("windows-1252", d.charset().name());
    assertEquals(String.format(TEXT, ""), d.text());
  }

  @Test
  void latinLabelOnUtf8BytesIsReadAsUtf8() {
    byte[] utf8 = String.format(TEXT, "").getBytes(StandardCharsets.UTF_8);
    HtmlCharset.Decoded d = HtmlCharset.decode(utf8, utf8.length, "text/html; charset=iso-8859-1");
    assertEquals(String.format(TEXT, ""), d.text());
  }
}

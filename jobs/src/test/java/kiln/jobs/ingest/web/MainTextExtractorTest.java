package kiln.jobs.ingest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTextExtractorTest {
  static final String P1 = "The kiln was fired for three days, and the glaze came out a deep, even blue across every pot.";
  static final String P2 = "Potters in the valley still argue about the temperature, the wood, and the shape of the chamber.";

  static String page() {
    return "<html><head><title>Firing the kiln | Valley Potters</title></head><body>"
        + "<header><a href='/'>Valley Potters</a></header>"
        + "<nav><ul><li><a href='/a'>About</a></li><li><a href='/b'>Shop</a></li></ul></nav>"
        + "<div class='cookie-banner'>We use cookies to improve your experience. Accept all cookies?</div>"
        + "<div id='content'><article><h1>Firing the kiln</h1><p>" + P1 + "</p><p>" + P2 + "</p></article></div>"
        + "<div class='sidebar'><ul><li><a href='/x'>Related: glazes</a></li><li><a href='/y'>Related: clay</a>"
        + "</li></ul></div>"
        + "<footer>Copyright 2026 Valley Potters. All rights reserved.</footer></body></html>";
  }

  @Test
  void keepsArticleParagraphsAndDropsBoilerplate() {
    MainTextExtractor.Result r = new MainTextExtractor().extract(page(), "http://x/");
    assertTrue(r.text().contains(P1 + "\n\n" + P2), r.text());
    for (String junk : new String[] {"About", "Shop", "cookies", "Related", "Copyright"}) {
      assertFalse(r.text().contains(junk), junk + " survived: " + r.text());
    }
  }

  @Test
  void titleDropsSiteNameAfterSeparator() {
    assertEquals("Firing the kiln", new MainTextExtractor().extract(page(), "http://x/").title());
  }

  @Test
  void shortTitleKeepsSiteName() {
    String html = "<html><head><title>Home | Potters</title></head><body><p>" + P1 + "</p></body></html>";
    assertEquals("Home | Potters", new MainTextExtractor().extract(html, "").title());
  }

  @Test
  void blockTextKeepsLineBreaks() {
    String html = "<div><p>one <b>two</b>\n three</p><ul><li>a</li><li>b</li></ul>x<br>y<pre>  code\n  more</pre></div>";
    assertEquals("one two three\n\na\nb\n\nx\ny\n\ncode\nmore",
        BlockText.of(org.jsoup.Jsoup.parse(html).body()));
  }

  @Test
  void deadlineIsEnforced() {
    StringBuilder big = new StringBuilder("<html><body>");
    for (int i = 0; i < 20000; i++) {
      big.append("<div><p>").append(P1).append("</p></div>");
    }
    MainTextExtractor fast = new MainTextExtractor(1);
    assertThrows(MainTextExtractor.ExtractionTimeout.class, () -> fast.extract(big + "</body></html>", ""));
  }
}

package kiln.jobs.ingest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import kiln.core.SharedData;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SubtreeTextsTest {

  @Test
  void equalsJsoupOnHandMadeEdges() {
    String html = "<body> <div> lead <p>  one\n two </p><span>in</span><br>tail<pre>  keep\n  this </pre>"
        + "<a href='#x'>anchor</a>&nbsp;<b><div>block in inline</div></b>x<a href='/y'> out <a>nested</a></a>"
        + "<table><tr><td>c1</td><td> c2 </td></tr></table>\u200b\u00ad</div><p></p><p> </p></body>";
    assertSameAsJsoup(Jsoup.parse(html));
  }

  /** Every element of every shared real page: the one-walk text and link density equal jsoup's, char for char. */
  @Test
  void equalsJsoupOnEveryElementOfTheSharedPages() throws IOException {
    Optional<Path> dir = SharedData.data("web/html");
    assumeTrue(dir.isPresent(), "shared data web/html missing (set KILN_SHARED)");
    List<Path> pages;
    try (Stream<Path> s = Files.walk(dir.get())) {
      pages = s.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().toList();
    }
    assertTrue(pages.size() > 100, "too few pages: " + pages.size());
    long elements = 0;
    for (Path p : pages) {
      Document doc = Jsoup.parse(Files.readString(p, StandardCharsets.UTF_8), "http://example.com/");
      elements += assertSameAsJsoup(doc);
    }
    assertTrue(elements > 50_000, "too few elements compared: " + elements);
  }

  private static long assertSameAsJsoup(Document doc) {
    Element body = doc.body();
    SubtreeTexts texts = SubtreeTexts.of(body);
    long n = 0;
    for (Element e : body.getAllElements()) {
      assertEquals(e.text(), texts.text(e), () -> "text of " + e.cssSelector());
      assertEquals(referenceLinkDensity(e), texts.linkDensity(e), () -> "link density of " + e.cssSelector());
      n++;
    }
    return n;
  }

  /** The element-by-element computation that SubtreeTexts replaced. */
  private static double referenceLinkDensity(Element e) {
    int len = e.text().length();
    if (len == 0) {
      return 0;
    }
    double links = 0;
    for (Element a : e.getElementsByTag("a")) {
      double coeff = a.attr("href").startsWith("#") ? 0.3 : 1;
      links += a.text().length() * coeff;
    }
    return Math.min(1, links / len);
  }
}

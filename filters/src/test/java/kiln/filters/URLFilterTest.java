package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

class URLFilterTest {
  private static final URLFilter F = URLFilter.fromConfig(ConfigNode.parse("""
      domain_blocklist: classpath:kiln/filters/lists/url-domains-example.txt
      banned_words: classpath:kiln/filters/lists/url-banned-words-example.txt
      soft_banned_words: classpath:kiln/filters/lists/url-soft-banned-words-example.txt
      banned_subwords: classpath:kiln/filters/lists/url-banned-subwords-example.txt
      """, "t"));

  private static String rule(String url) {
    return F.apply(TestDocs.web(url, "text")).rule();
  }

  @Test
  void domainAndParentDomains() {
    assertEquals("domain_blocklist", rule("https://blocked-example.test/page"));
    assertEquals("domain_blocklist", rule("http://www.sub.blocked-example.test/x"));
    assertEquals(null, rule("https://notblocked-example.test/page"));
  }

  @Test
  void wordsAndSubwords() {
    // tokens of "https://shop.example.com/casino-night": https shop example com casino night -> banned "casino"
    assertEquals("banned_words", rule("https://shop.example.com/casino-night"));
    // "casinos" is not the token "casino"
    assertEquals(null, rule("https://example.com/casinos"));
    // soft words: "free" and "prize" = 2 >= 2; only "free" = 1 < 2
    assertEquals("soft_banned_words", rule("https://example.com/free/prize"));
    assertEquals(null, rule("https://example.com/free/stuff"));
    // subword: "click-bait" normalises to "clickbait"
    assertEquals("banned_subwords", rule("https://example.com/top-click-bait"));
  }

  @Test
  void urlBlocklistAndMissingUrl() {
    URLFilter f = new URLFilter(Set.of(), Set.of("https://a.example/x"), Set.of(), Set.of(), Set.of(), 2);
    assertEquals("url_blocklist", f.apply(TestDocs.web("https://A.example/x", "t")).rule());
    assertTrue(f.apply(TestDocs.web(null, "t")).kept());
  }

  @Test
  void missingListFileNamesKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> URLFilter.fromConfig(ConfigNode.parse("banned_words: /no/such/list.txt", "t")));
    assertTrue(e.getMessage().contains("banned_words"), e.getMessage());
  }

  @Test
  void badWordsNeedWordBoundaries() {
    C4BadWordsFilter b = C4BadWordsFilter.fromConfig(ConfigNode.parse(
        "words_file: classpath:kiln/filters/lists/bad-words-example.txt", "t"));
    assertEquals("words_file", b.apply(TestDocs.web("Well, Darn it.")).rule());
    // "heckle" holds "heck" but not as a word
    assertTrue(b.apply(TestDocs.web("Do not heckle the speaker.")).kept());
  }
}

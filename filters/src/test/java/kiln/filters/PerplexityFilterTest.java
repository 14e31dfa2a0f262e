package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.filters.lm.ArpaScorerTest;
import kiln.filters.lm.CcNetNormalizer;
import kiln.filters.lm.LmTokenizer;
import kiln.filters.select.RankCut;
import kiln.filters.select.RankCuts;
import kiln.filters.spark.FilterStage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter on {@link ArpaScorerTest}'s hand-made trigram model, configured by file as a user would. The
 * document "The  Cat sat\n\nthe cat DOG" normalises to the lines "the cat sat" and "the cat dog":
 * <ul>
 *   <li>"the cat sat": -0.3 - 0.1 - 0.05 - 0.2 = -0.65 over 4 tokens (see ArpaScorerTest);</li>
 *   <li>"the cat dog": the -0.3; cat -0.1; &lt;unk&gt;|the cat: bo(the cat) -0.15 + bo(cat) -0.2 + p(&lt;unk&gt;)
 *       -1.0 = -1.35; &lt;/s&gt;|cat &lt;unk&gt;: "cat &lt;unk&gt;" absent, bo(&lt;unk&gt;) 0, p(&lt;/s&gt;) -0.8;
 *       total -2.55 over 4 tokens, perplexity 10^0.6375 = 4.34;</li>
 *   <li>document (CCNet): 10^((0.65 + 2.55) / 8) = 10^0.4 = 2.512; the blank line is not scored.</li>
 * </ul>
 */
class PerplexityFilterTest {
  @TempDir
  static Path tmp;

  static final String DOC = "The  Cat sat\n\nthe cat DOG";

  @BeforeAll
  static void model() throws Exception {
    Files.writeString(tmp.resolve("tiny.arpa"), ArpaScorerTest.ARPA, StandardCharsets.UTF_8);
  }

  static FilterChain chain(String params, boolean signals) throws Exception {
    Path cfg = tmp.resolve("f-" + Math.abs(params.hashCode()) + signals + ".yaml");
    Files.writeString(cfg, "filters:\n  - perplexity: {" + params + "}\nsignals: " + signals + "\n");
    return FilterStage.buildChain(ConfigNode.load(cfg));
  }

  @Test
  void documentPerplexityIsCcNetsOverLines() throws Exception {
    FilterChain keep = chain("model: tiny.arpa, max_perplexity: 3", false);
    assertNull(keep.apply(TestDocs.web(DOC)).reason());
    FilterChain drop = chain("model: tiny.arpa, max_perplexity: 2.5", false);
    assertEquals("perplexity:max_perplexity", drop.apply(TestDocs.web(DOC)).reason());
    FilterChain signals = chain("model: tiny.arpa, max_perplexity: 2.5", true);
    String v = signals.apply(TestDocs.web(DOC)).doc().meta().get("signal.perplexity.value");
    assertEquals(Math.pow(10, 0.4), Double.parseDouble(v), 1e-6);
    assertEquals("max_perplexity", signals.apply(TestDocs.web(DOC)).doc().meta().get("signal.perplexity.rule"));
  }

  @Test
  void paragraphModeDropsTheLinesAboveTheThreshold() throws Exception {
    FilterChain f = chain("model: tiny.arpa, max_perplexity: 3, per: paragraph", false);
    FilterChain.Verdict v = f.apply(TestDocs.web(DOC));
    assertNull(v.reason());
    // line 2 (perplexity 4.34) goes, line 1 (10^0.1625 = 1.45) and the blank line stay
    assertEquals("The  Cat sat\n", v.doc().text());
    FilterChain strict = chain("model: tiny.arpa, max_perplexity: 1.2, per: paragraph", false);
    assertEquals("perplexity:max_perplexity", strict.apply(TestDocs.web(DOC)).reason());
    PerplexityFilter loose = (PerplexityFilter) chain("model: tiny.arpa, max_perplexity: 5, per: paragraph",
        false).filters().get(0);
    FilterResult r = loose.apply(TestDocs.web(DOC));
    assertNull(r.rewritten());
    assertEquals(0.0, r.signals().get("dropped_paragraphs"));
    assertEquals(Math.pow(10, 0.4), r.signals().get("value"), 1e-6);
  }

  @Test
  void documentWithoutWordsIsKeptWithoutSignal() throws Exception {
    PerplexityFilter f = (PerplexityFilter) chain("model: tiny.arpa, max_perplexity: 1", false).filters().get(0);
    FilterResult r = f.apply(TestDocs.web(" \n\t\n"));
    assertTrue(r.kept());
    assertTrue(r.signals().isEmpty());
  }

  @Test
  void badConfigFailsNamingTheKey() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> chain("model: nosuch.arpa, max_perplexity: 3",
        false));
    assertTrue(e.getMessage().contains("model") && e.getMessage().contains("nosuch.arpa"), e.getMessage());
    Files.writeString(tmp.resolve("bad.arpa"), "\\data\\\nngram 1=1\n\n\\1-grams:\n-1\t<s>\n\\end\\\n");
    e = assertThrows(ConfigException.class, () -> chain("model: bad.arpa, max_perplexity: 3", false));
    assertTrue(e.getMessage().contains("</s>"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> chain("model: tiny.arpa, max_perplexity: 0.5", false));
    assertTrue(e.getMessage().contains("max_perplexity"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> chain("model: tiny.arpa, max_perplexity: 3, per: line", false));
    assertTrue(e.getMessage().contains("per"), e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> chain("model: tiny.arpa, max_perplexity: 3, tokenizer: tiktoken:cl100k_base", false));
    assertTrue(e.getMessage().contains("tokenizer"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> chain("model: tiny.arpa, max_perplexity: 3, maxppl: 3", false));
    assertTrue(e.getMessage().contains("maxppl"), e.getMessage());
  }

  @Test
  void ccNetNormalisation() {
    // lower-case, accents dropped (NFD minus Mn), digits to 0, CCNet's punctuation table, controls dropped
    // "—" becomes " - " next to the spaces already there, as in CCNet
    assertEquals("ete 0000  -  \"bonjour\"!...", CcNetNormalizer.normalize("  Été 2024 — «Bonjour»！…\u0007 "));
    assertEquals("a,b.c:a. b", CcNetNormalizer.normalize("A，B。C：A．B"));
    assertEquals("", CcNetNormalizer.normalize(" \t "));
  }

  @Test
  void whitespaceWordsAreNeverEmpty() {
    // "—" normalises to " - ": a line starting with it used to give an empty first word, which the Kneser-Ney
    // trainer wrote as an ARPA n-gram the reader could not parse
    assertArrayEquals(new String[] {"-", "a", "b"}, LmTokenizer.open("whitespace").words("— a b"));
    assertArrayEquals(new String[] {"a", "-"}, LmTokenizer.open("whitespace").words("a —"));
    assertArrayEquals(new String[] {"-"}, LmTokenizer.open("whitespace").words("—"));
  }

  @Test
  void sentencePiecePreTokenisationGivesPiecesOfTheNormalisedLine() {
    LmTokenizer spm = LmTokenizer.open("spm:builtin:kiln-demo");
    String[] pieces = spm.words("The Cat, 1984!");
    assertTrue(pieces.length >= 4, String.join(" ", pieces));
    // pieces spell the normalised line with SentencePiece's ▁ for spaces
    assertEquals("▁the▁cat,▁0000!", String.join("", pieces).replaceAll("^(?!▁)", "▁"));
    assertArrayEquals(new String[] {"the", "cat,", "0000!"}, LmTokenizer.open("whitespace").words("The Cat, 1984!"));
    assertEquals(0, spm.words("  ").length);
  }

  // ---- buckets (cut-offs given here; the Spark pass that computes them is in DatasetSelectionTest) ----

  static PerplexityFilter buckets(String params) throws Exception {
    return (PerplexityFilter) chain("model: tiny.arpa, buckets: [head, middle, tail]" + params, false)
        .filters().get(0);
  }

  static RankCuts cuts(String group, RankCut head, RankCut middle) {
    return new RankCuts(Map.of(group, new RankCuts.Group(30, List.of(head, middle))));
  }

  @Test
  void bucketsGoToMetaAndUnkeptBucketsAreRejected() throws Exception {
    PerplexityFilter f = buckets(", keep_buckets: [head]");
    assertTrue(f.needsCuts());
    assertThrows(IllegalStateException.class, () -> f.apply(TestDocs.web(DOC)), "no cut-offs yet");
    double ppl = f.rank(TestDocs.web(DOC)).key();
    assertEquals(Math.pow(10, 0.4), ppl, 1e-9);
    assertEquals(PerplexityFilter.NO_LANG, f.rank(TestDocs.web(DOC)).group(), "no language: und");

    PerplexityFilter headOnly = f.withCuts(cuts("und", new RankCut(10, 3.0, "zz"), new RankCut(20, 9.0, "zz")));
    assertTrue(!headOnly.needsCuts());
    FilterResult r = headOnly.apply(TestDocs.web(DOC));
    assertTrue(r.kept());
    assertEquals("head", r.rewritten().meta().get(PerplexityFilter.BUCKET_META));
    assertEquals(0.0, r.signals().get("bucket"));

    // the document's own perplexity as the middle cut: the id decides ("id" > "ia", "id" <= "ie")
    FilterResult tail = f.withCuts(cuts("und", new RankCut(10, 2.0, "zz"), new RankCut(20, ppl, "ia")))
        .apply(TestDocs.web(DOC));
    assertEquals("bucket_tail", tail.rule());
    assertEquals("tail", tail.rewritten().meta().get(PerplexityFilter.BUCKET_META), "rejected docs carry it too");
    FilterResult middle = f.withCuts(cuts("und", new RankCut(10, 2.0, "zz"), new RankCut(20, ppl, "ie")))
        .apply(TestDocs.web(DOC));
    assertEquals("bucket_middle", middle.rule());
    assertEquals(1.0, middle.signals().get("bucket"));

    Document de = TestDocs.web(DOC).withLang("de");
    assertEquals("de", f.rank(de).group());
    assertThrows(IllegalStateException.class, () -> headOnly.apply(de), "cut-offs of another dataset");
    assertTrue(headOnly.apply(TestDocs.web(" \n ")).kept(), "no words: no perplexity, no bucket, kept");
    assertEquals(null, f.rank(TestDocs.web(" \n ")));
  }

  @Test
  void bucketsInTheChainGiveReasonsAndSignals() throws Exception {
    PerplexityFilter f = buckets(", keep_buckets: [head, middle]");
    RankCuts c = cuts("und", new RankCut(10, 1.5, "zz"), new RankCut(20, 2.0, "zz"));
    FilterChain strict = new FilterChain(List.of(f.withCuts(c)), false);
    FilterChain.Verdict v = strict.apply(TestDocs.web(DOC));
    assertEquals("perplexity:bucket_tail", v.reason());
    assertEquals("tail", v.doc().meta().get(PerplexityFilter.BUCKET_META));
    FilterChain signals = new FilterChain(List.of(f.withCuts(c)), true);
    Document d = signals.apply(TestDocs.web(DOC)).doc();
    assertEquals("bucket_tail", d.meta().get("signal.perplexity.rule"));
    assertEquals("2", d.meta().get("signal.perplexity.bucket"));
    assertEquals("tail", d.meta().get(PerplexityFilter.BUCKET_META));
  }

  @Test
  void cutRanksArePercentilesOfTheGroupSize() throws Exception {
    assertArrayEquals(new long[] {1, 2}, buckets("").cutRanks(3), "default: equal thirds");
    assertArrayEquals(new long[] {333, 667}, buckets("").cutRanks(1000), "100/3 %, 200/3 %, rounded");
    assertArrayEquals(new long[] {333, 666}, buckets(", bucket_percentiles: [33.3, 66.6]").cutRanks(1000));
    assertArrayEquals(new long[] {3, 6}, buckets(", bucket_percentiles: [30, 60]").cutRanks(10));
    assertArrayEquals(new long[] {0, 1}, buckets("").cutRanks(1));
    assertArrayEquals(new long[] {0, 0}, buckets("").cutRanks(0));
  }

  @Test
  void badBucketConfigFailsNamingKeyAndFile() throws Exception {
    String[][] cases = {
        {"model: tiny.arpa, max_perplexity: 3, buckets: [head, tail]", "buckets"},
        {"model: tiny.arpa", "max_perplexity"},
        {"model: tiny.arpa, buckets: [head]", "buckets"},
        {"model: tiny.arpa, buckets: [head, head]", "buckets"},
        {"model: tiny.arpa, buckets: [Head, tail]", "buckets"},
        {"model: tiny.arpa, buckets: [head, middle, tail], bucket_percentiles: [50]", "bucket_percentiles"},
        {"model: tiny.arpa, buckets: [head, middle, tail], bucket_percentiles: [60, 30]", "bucket_percentiles"},
        {"model: tiny.arpa, buckets: [head, tail], bucket_percentiles: [100]", "bucket_percentiles"},
        {"model: tiny.arpa, buckets: [head, tail], bucket_percentiles: [0]", "bucket_percentiles"},
        {"model: tiny.arpa, buckets: [head, tail], bucket_percentiles: [x]", "bucket_percentiles"},
        {"model: tiny.arpa, buckets: [head, tail], keep_buckets: [middle]", "keep_buckets"},
        {"model: tiny.arpa, buckets: [head, tail], keep_buckets: []", "keep_buckets"},
        {"model: tiny.arpa, max_perplexity: 3, keep_buckets: [head]", "keep_buckets"},
        {"model: tiny.arpa, max_perplexity: 3, bucket_percentiles: [50]", "bucket_percentiles"},
        {"model: tiny.arpa, buckets: [head, tail], per: paragraph", "per"},
    };
    for (String[] c : cases) {
      ConfigException e = assertThrows(ConfigException.class, () -> chain(c[0], false), c[0]);
      assertTrue(e.getMessage().contains("perplexity." + c[1]) && e.getMessage().contains(".yaml"),
          c[0] + " -> " + e.getMessage());
    }
  }
}

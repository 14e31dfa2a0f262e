package kiln.filters.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * A hand-made trigram model; every expected log10 is derived by hand in the comments with KenLM's rule
 * p(w|h) = p(h w) if the model has "h w", else bo(h) + p(w|h minus its first word), bo of a missing context 0.
 */
public class ArpaScorerTest {
  public static final String ARPA = String.join("\n",
      "\\data\\",
      "ngram 1=6",
      "ngram 2=5",
      "ngram 3=2",
      "",
      "\\1-grams:",
      "-1.0\t<unk>",
      "-99\t<s>\t-0.5",
      "-0.8\t</s>",
      "-0.6\tthe\t-0.3",
      "-0.9\tcat\t-0.2",
      "-1.2\tsat\t-0.1",
      "",
      "\\2-grams:",
      "-0.3\t<s> the\t-0.25",
      "-0.4\tthe cat\t-0.15",
      "-0.5\tcat sat",
      "-0.2\tsat </s>",
      "-0.7\tcat </s>",
      "",
      "\\3-grams:",
      "-0.1\t<s> the cat",
      "-0.05\tthe cat sat",
      "",
      "\\end\\",
      "");

  public static ArpaModel model(String text) throws IOException {
    return ArpaModel.read(new StringReader(text), "test.arpa");
  }

  @Test
  void fullMatchesAndOneBackoff() throws IOException {
    ArpaScorer s = new ArpaScorer(model(ARPA));
    // the|<s>: "<s> the" = -0.3
    // cat|<s> the: "<s> the cat" = -0.1
    // sat|the cat: "the cat sat" = -0.05
    // </s>|cat sat: no "cat sat </s>"; bo(cat sat) = 0 (bigram without backoff); "sat </s>" = -0.2
    // total -0.65 over 3 words + </s> = 4 tokens
    SentenceScore r = s.sentence("the cat sat");
    assertEquals(-0.65, r.log10(), 1e-6);
    assertEquals(4, r.tokens());
    // probabilities are floats, as in KenLM, so compare to 1e-6
    assertEquals(Math.pow(10, 0.65 / 4), r.perplexity(), 1e-6);
  }

  @Test
  void backoffChainsAndUnknownWords() throws IOException {
    ArpaScorer s = new ArpaScorer(model(ARPA));
    // cat|<s>: no "<s> cat"; bo(<s>) -0.5 + p(cat) -0.9 = -1.4
    // the|<s> cat: no "<s> cat the", "<s> cat" absent (0); no "cat the": bo(cat) -0.2 + p(the) -0.6 = -0.8
    // dog -> <unk> | cat the: "cat the" absent (0); no "the <unk>": bo(the) -0.3 + p(<unk>) -1.0 = -1.3
    // </s>|the <unk>: "the <unk>" absent (0); no "<unk> </s>": bo(<unk>) 0 + p(</s>) -0.8 = -0.8
    // total -4.3
    assertEquals(-4.3, s.sentence("cat the dog").log10(), 1e-6);
    // the -0.3; cat|<s> the -0.1;
    // cat|the cat: no "the cat cat": bo(the cat) -0.15; no "cat cat": bo(cat) -0.2; p(cat) -0.9 = -1.25
    // </s>|cat cat: "cat cat" absent (0); "cat </s>" = -0.7
    // total -2.35
    assertEquals(-2.35, s.sentence("the cat cat").log10(), 1e-6);
    // </s>|<s>: no "<s> </s>": bo(<s>) -0.5 + p(</s>) -0.8 = -1.3, one token
    SentenceScore empty = s.sentence("  ");
    assertEquals(-1.3, empty.log10(), 1e-6);
    assertEquals(1, empty.tokens());
    // two OOVs both map to <unk>: <unk>|<s>: bo(<s>) -0.5 + -1.0; <unk>|<s> <unk>: bo 0 + bo(<unk>) 0 + -1.0;
    // </s>|<unk> <unk>: -0.8; total -3.3
    assertEquals(-3.3, s.sentence("dog bird").log10(), 1e-6);
    assertFalse(s.model().contains("dog"));
    assertEquals(s.model().unk(), s.model().id("dog"));
  }

  @Test
  void documentPerplexityIsCcNets() throws IOException {
    ArpaScorer s = new ArpaScorer(model(ARPA));
    SentenceScore doc = s.sentence("the cat sat").plus(s.sentence("cat the dog"));
    // CCNet: 10 ** (-(-0.65 - 4.3) / (4 + 4))
    assertEquals(Math.pow(10, 4.95 / 8), doc.perplexity(), 1e-6);
    assertTrue(Double.isNaN(SentenceScore.EMPTY.perplexity()));
  }

  @Test
  void missingUnkGetsKenLmsMinus100() throws IOException {
    String noUnk = ARPA.replace("ngram 1=6", "ngram 1=5").replace("-1.0\t<unk>\n", "");
    ArpaScorer s = new ArpaScorer(model(noUnk));
    // dog|<s>: bo(<s>) -0.5 + -100; </s>|<s> <unk>: "<s> <unk>" absent; bo(<unk>) 0; p(</s>) -0.8
    assertEquals(-101.3, s.sentence("dog").log10(), 1e-4);
  }

  @Test
  void malformedFilesFailNamingTheLine() {
    IOException e = assertThrows(IOException.class, () -> model(ARPA.replace("ngram 2=5", "ngram 2=6")));
    assertTrue(e.getMessage().contains("ngram 2=6"), e.getMessage());
    e = assertThrows(IOException.class, () -> model(ARPA.replace("-0.5\tcat sat", "-0.5\tcat mat")));
    assertTrue(e.getMessage().contains("'mat' is not a unigram"), e.getMessage());
    e = assertThrows(IOException.class, () -> model("hello"));
    assertTrue(e.getMessage().contains("not an ARPA file"), e.getMessage());
    e = assertThrows(IOException.class, () -> model(ARPA.replace("\\end\\", "")));
    assertTrue(e.getMessage().contains("\\end\\"), e.getMessage());
    e = assertThrows(IOException.class, () -> model(ARPA.replace("-0.4\tthe cat\t-0.15", "x\tthe cat")));
    assertTrue(e.getMessage().contains("bad number"), e.getMessage());
  }
}

package kiln.dedup.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import kiln.dedup.text.SentenceSplitter.Sentence;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
  private static List<String> texts(String s) {
    return SentenceSplitter.split(s).stream().map(x -> s.substring(x.start(), x.end())).toList();
  }

  @Test
  void terminalMarkThenSpaceEndsASentenceAndKeepsTheSpace() {
    String s = "Hello world. This is it! Ok?";
    // "Hello world. " = 13 units, "This is it! " = 12 more (ends at 25), "Ok?" ends at 28.
    assertEquals(List.of(new Sentence(0, 0, 13), new Sentence(0, 13, 25), new Sentence(0, 25, 28)),
        SentenceSplitter.split(s));
  }

  @Test
  void lineBreakEndsASentenceAndIsNotPartOfIt() {
    String s = "One two\nThree. Four";
    // line 0 = [0, 7); the '\n' at 7 belongs to no sentence; line 1 starts at 8: "Three. " [8, 15), "Four" [15, 19)
    assertEquals(List.of(new Sentence(0, 0, 7), new Sentence(1, 8, 15), new Sentence(1, 15, 19)),
        SentenceSplitter.split(s));
  }

  @Test
  void piecesWithoutLetterOrDigitJoinANeighbour() {
    // "... " opens the line: glued to "Hello. "; " * * *" closes it: glued to the same sentence. "--" alone on a
    // line is no sentence at all.
    assertEquals(List.of(new Sentence(0, 0, 16)), SentenceSplitter.split("... Hello. * * *\n--"));
  }

  @Test
  void markNotFollowedBySpaceDoesNotBreak() {
    assertEquals(List.of("3.14 is pi."), texts("3.14 is pi."));
    assertEquals(List.of("See example.com now."), texts("See example.com now."));
  }

  @Test
  void closingQuotesStayWithTheirSentence() {
    assertEquals(List.of("He said \"stop.\" ", "Then left."), texts("He said \"stop.\" Then left."));
    assertEquals(List.of("终于。", "好！"), texts("终于。 好！").stream().map(String::strip).toList());
  }

  @Test
  void abbreviationsSplitDocumentedDeviation() {
    assertEquals(List.of("Mr. ", "Smith left."), texts("Mr. Smith left."));
  }

  @Test
  void emptyAndBlankTextsHaveNoSentences() {
    assertEquals(0, SentenceSplitter.count(""));
    assertEquals(0, SentenceSplitter.count("\n\n  \n"));
    assertEquals(2, SentenceSplitter.count("a\n\nb"));
  }
}

package kiln.mixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredicateParserTest {

  @Test
  void comparisonWithNumber() {
    assertEquals(new Predicate.Compare("quality_score", Predicate.Op.GE, 0.5), PredicateParser.parse("quality_score >= 0.5"));
  }

  @Test
  void singleEqualsMeansEquality() {
    assertEquals(new Predicate.Compare("lang", Predicate.Op.EQ, "en"), PredicateParser.parse("lang = \"en\""));
  }

  @Test
  void andBindsTighterThanOr() {
    Predicate p = PredicateParser.parse("a == 1 or b == 2 and c == 3");
    assertEquals("(a == 1 or (b == 2 and c == 3))", p.toString());
  }

  @Test
  void parenthesesAndNot() {
    Predicate p = PredicateParser.parse("NOT (a < 1 OR b > 2)");
    assertEquals("not (a < 1 or b > 2)", p.toString());
  }

  @Test
  void inListMixesNothingButLiterals() {
    Predicate p = PredicateParser.parse("meta.lang in ('en', 'de')");
    assertEquals(new Predicate.In("meta.lang", List.of("en", "de")), p);
  }

  @Test
  void escapedQuoteInString() {
    assertEquals(new Predicate.Compare("t", Predicate.Op.NE, "it's"), PredicateParser.parse("t != 'it\\'s'"));
  }

  @Test
  void booleanLiteral() {
    assertEquals(new Predicate.Compare("ok", Predicate.Op.EQ, true), PredicateParser.parse("ok == true"));
  }

  @Test
  void sqlInjectionIsASyntaxError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PredicateParser.parse("lang == 'en'; DROP TABLE x"));
    assertTrue(e.getMessage().startsWith("unexpected '; DROP TABLE x' at character 13"), e.getMessage());
  }

  @Test
  void orderingOnBooleanIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> PredicateParser.parse("ok > true"));
  }

  @Test
  void unterminatedString() {
    assertThrows(IllegalArgumentException.class, () -> PredicateParser.parse("lang == 'en"));
  }

  @Test
  void keywordIsNotAColumn() {
    assertThrows(IllegalArgumentException.class, () -> PredicateParser.parse("and == 1"));
  }

  @Test
  void nestedDotsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> PredicateParser.parse("meta.a.b == 1"));
  }

  @Test
  void emptyExpression() {
    assertThrows(IllegalArgumentException.class, () -> PredicateParser.parse("  "));
  }
}

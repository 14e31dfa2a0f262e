package kiln.mixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class MixPlannerTest {
  static final String YAML = """
      seed: 3
      strict: false
      sources:
        web: {select: {source: web}}
        code: {select: {source: code}, max_epochs: 3}
        books: {select: {source: books}, max_epochs: 2}
      phases:
        - {name: main, tokens: 1000, weights: {web: 0.5, code: 0.3, books: 0.2}}
        - {name: anneal, tokens: 100, weights: {web: 1, code: 1, books: 1}}
      """;

  // web 10,000 tokens in 100 docs; code 120 in 10; books 150 in 5
  static final Map<String, SourceSize> SIZES = Map.of(
      "web", new SourceSize(10_000, 100), "code", new SourceSize(120, 10), "books", new SourceSize(150, 5));

  static Curriculum curriculum(String yaml) {
    return CurriculumLoader.parse(yaml, "plan.yaml", Path.of("."));
  }

  @Test
  void requestsAreBudgetTimesWeight() {
    MixPlan.Phase main = MixPlanner.plan(curriculum(YAML), SIZES).phases().get(0);
    assertEquals(List.of("books", "code", "web"), main.takes().stream().map(MixPlan.Take::source).toList());
    // 1000 × 0.5, 1000 × 0.3, 1000 × 0.2
    assertEquals(500, main.take("web").requestedTokens());
    assertEquals(300, main.take("code").requestedTokens());
    assertEquals(200, main.take("books").requestedTokens());
  }

  @Test
  void epochsAreWholePassesPlusAPartialOne() {
    MixPlan.Phase main = MixPlanner.plan(curriculum(YAML), SIZES).phases().get(0);
    MixPlan.Take code = main.take("code");
    // 300 / 120 = 2.5: two full passes (240 tokens) and 60 tokens of a third
    assertEquals(2, code.fullEpochs());
    assertEquals(60, code.partialTokens());
    assertEquals(2.5, code.epochs(), 1e-12);
    assertEquals(3, code.epochsTouched());
    MixPlan.Take books = main.take("books");
    // 200 / 150: one full pass and 50 tokens
    assertEquals(1, books.fullEpochs());
    assertEquals(50, books.partialTokens());
    MixPlan.Take web = main.take("web");
    // 500 / 10,000 = 0.05 of a pass
    assertEquals(0, web.fullEpochs());
    assertEquals(500, web.partialTokens());
    assertEquals(1, web.epochsTouched());
  }

  @Test
  void largestRemainderMakesRequestsSumToTheBudget() {
    MixPlan.Phase anneal = MixPlanner.plan(curriculum(YAML), SIZES).phases().get(1);
    // 100 / 3 = 33.33 each; floors sum to 99, the one leftover token goes to the first name on the tie: books
    assertEquals(34, anneal.take("books").requestedTokens());
    assertEquals(33, anneal.take("code").requestedTokens());
    assertEquals(33, anneal.take("web").requestedTokens());
  }

  @Test
  void apportionGivesLeftoversToLargestFractions() {
    // 10 × (0.45, 0.35, 0.2) = 4.5, 3.5, 2 → floors 4, 3, 2 (sum 9); fractions .5 and .5 tie → name a first
    assertArrayEquals(new long[] {5, 3, 2}, MixPlanner.apportion(10, List.of(0.45, 0.35, 0.2), List.of("a", "b", "c")));
    // 7 × (0.6, 0.4) = 4.2, 2.8 → floors 4, 2; leftover to 0.8
    assertArrayEquals(new long[] {4, 3}, MixPlanner.apportion(7, List.of(0.6, 0.4), List.of("a", "b")));
  }

  @Test
  void shortSourceIsNamedWithItsShortfall() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MixPlanner.plan(curriculum(YAML.replace("max_epochs: 3", "max_epochs: 2")), SIZES));
    // code needs 300 tokens; 2 × 120 = 240 allowed; short by 60
    assertEquals("plan.yaml: key 'phases[0].weights.code': source 'code' is short by 60 tokens in phase 'main': "
        + "needs 2.50 epochs of its 120 tokens, max_epochs 2 (raise max_epochs, lower the weight, or set "
        + "allow_short: true)", e.getMessage());
  }

  @Test
  void allowShortTakesEveryAllowedPassAndSaysWhyThePhaseIsShort() {
    MixPlan p = MixPlanner.plan(curriculum("allow_short: true\n" + YAML.replace("max_epochs: 3", "max_epochs: 2")),
        SIZES);
    MixPlan.Phase main = p.phases().get(0);
    MixPlan.Take code = main.take("code");
    assertEquals(300, code.requestedTokens());
    assertEquals(60, code.shortTokens());
    assertEquals(240, code.plannedTokens());
    assertEquals(2, code.fullEpochs());
    assertEquals(0, code.partialTokens());
    assertEquals(940, main.plannedTokens());
    assertEquals(0, main.take("web").shortTokens());
    String text = p.toText();
    assertTrue(text.contains("SHORT source 'code' is short by 60 tokens: needs 2.50 epochs of its 120 tokens, "
        + "max_epochs 2 (allow_short: true)"), text);
    assertTrue(text.contains("the phase reaches 940 of its 1000 tokens"), text);
    // an empty source gives nothing and says so
    MixPlan empty = MixPlanner.plan(curriculum("allow_short: true\n" + YAML),
        Map.of("web", new SourceSize(0, 0), "code", new SourceSize(120, 10), "books", new SourceSize(150, 5)));
    assertEquals(500, empty.phases().get(0).take("web").shortTokens());
    assertTrue(empty.toText().contains("source 'web' is short by 500 tokens: it has no tokens (after its filter)"),
        empty.toText());
  }

  @Test
  void exactlyMaxEpochsIsAllowed() {
    // books at 300 of 1000 would need exactly 2 × 150
    MixPlan p = MixPlanner.plan(curriculum(YAML.replace("{web: 0.5, code: 0.3, books: 0.2}",
        "{web: 0.5, code: 0.2, books: 0.3}")), SIZES);
    assertEquals(2, p.phases().get(0).take("books").fullEpochs());
    assertEquals(0, p.phases().get(0).take("books").partialTokens());
  }

  @Test
  void emptySourceWithWeightIsAnError() {
    ConfigException e = assertThrows(ConfigException.class, () -> MixPlanner.plan(curriculum(YAML),
        Map.of("web", new SourceSize(0, 0), "code", new SourceSize(120, 10), "books", new SourceSize(150, 5))));
    assertEquals("phases[0].weights.web", e.key());
    assertTrue(e.getMessage().contains("has no tokens (after its filter) but phase 'main' requests 500"), e.getMessage());
  }

  @Test
  void zeroWeightSourcesTakeNoPart() {
    MixPlan p = MixPlanner.plan(curriculum(YAML.replace("{web: 1, code: 1, books: 1}", "{web: 1, code: 0, books: 1}")),
        SIZES);
    assertEquals(List.of("books", "web"), p.phases().get(1).takes().stream().map(MixPlan.Take::source).toList());
  }

  @Test
  void planTextListsEveryPhaseAndSource() {
    String text = MixPlanner.plan(curriculum(YAML), SIZES).toText();
    assertTrue(text.contains("phase 1 'main': 1000 tokens (1000)"), text);
    assertTrue(text.contains("phase 2 'anneal': 100 tokens (100)"), text);
    assertTrue(text.matches("(?s).*code\\s+30\\.00%\\s+300\\s+120\\s+10\\s+2\\.500\\s+3\\s+2 \\+ part.*"), text);
  }

  @Test
  void aWeightTooSmallForOneTokenRequestsNothing() {
    // 1000 × 0.0001 = 0.1 → floor 0; the leftover token goes to the larger fraction (web: 999.9 → 1000)
    MixPlan p = MixPlanner.plan(curriculum("""
        seed: 1
        sources:
          web: {select: {source: web}}
          code: {select: {source: code}}
        phases:
          - {name: main, tokens: 1000, weights: {web: 0.9999, code: 0.0001}}
        """), Map.of("web", new SourceSize(10_000, 100), "code", new SourceSize(0, 0)));
    MixPlan.Take code = p.phases().get(0).take("code");
    assertEquals(0, code.requestedTokens());
    assertEquals(0, code.fullEpochs());
    assertEquals(0, code.partialTokens());
    assertEquals(0.0, code.epochs());
    assertEquals(1000, p.phases().get(0).take("web").requestedTokens());
  }
}

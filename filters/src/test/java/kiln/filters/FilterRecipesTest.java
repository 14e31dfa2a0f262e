package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import kiln.core.Document;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.filters.spark.FilterStage;
import org.junit.jupiter.api.Test;

class FilterRecipesTest {

  private static List<String> names(FilterChain chain) {
    return chain.filters().stream().map(DocumentFilter::name).toList();
  }

  private static FilterChain chain(String yaml) {
    return FilterStage.buildChain(ConfigNode.parse(yaml, "t.yaml"));
  }

  @Test
  void everyRecipeParsesAndBuildsItsChain() {
    Map<String, List<String>> expected = Map.of(
        "fineweb", List.of("url", "language", "gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality",
            "pii_redaction"),
        "c4", List.of("c4_quality", "c4_bad_words", "language"),
        "gopher", List.of("gopher_quality", "gopher_repetition"),
        "dclm-heuristics", List.of("url", "language", "gopher_quality", "gopher_repetition", "line_modifier"),
        "none", List.of());
    assertEquals(expected.keySet(), new java.util.TreeSet<>(FilterRecipes.NAMES));
    for (String name : FilterRecipes.NAMES) {
      FilterRecipes.Recipe r = FilterRecipes.load(name);
      assertFalse(r.description().isBlank(), name);
      assertFalse(r.source().isBlank(), name);
      assertEquals(expected.get(name), names(chain("recipe: " + name)), name);
      String summary = r.chainSummary();
      assertEquals(expected.get(name).isEmpty() ? "(no filters)" : String.join(" -> ", expected.get(name)), summary);
    }
  }

  @Test
  void withoutFiltersOrRecipeTheChainIsFineWeb() {
    assertEquals(names(chain("recipe: fineweb")), names(chain("")));
    assertEquals(names(chain("recipe: fineweb")), names(chain("signals: true")));
    assertTrue(chain("signals: true").signals());
    assertEquals(List.of(), names(chain("filters: []")), "an explicit empty list stays empty");
    assertEquals(List.of("length"), names(chain("filters:\n  - length: {min_chars: 5}")));
  }

  @Test
  void recipeAndFiltersTogetherOrAnUnknownNameFailNamingFileAndKey() {
    ConfigException both = assertThrows(ConfigException.class,
        () -> chain("recipe: c4\nfilters:\n  - length: {}\n"));
    assertEquals("t.yaml", both.file());
    assertEquals("recipe", both.key());
    assertTrue(both.getMessage().contains("not both"), both.getMessage());
    ConfigException unknown = assertThrows(ConfigException.class, () -> chain("recipe: refinedweb\n"));
    assertEquals("recipe", unknown.key());
    assertTrue(unknown.getMessage().startsWith("t.yaml: key 'recipe': unknown recipe 'refinedweb' (known: fineweb, c4, "),
        unknown.getMessage());
    ConfigException typo = assertThrows(ConfigException.class, () -> chain("recipes: c4\n"));
    assertTrue(typo.getMessage().contains("recipes"), typo.getMessage());
  }

  @Test
  void fineWebRecipeRedactsEmailAndPublicIpOnly() {
    FilterChain fw = chain("recipe: fineweb");
    FilterChain pii = new FilterChain(List.of(fw.filters().get(fw.filters().size() - 1)), false);
    String text = "Write to jane.doe@uni-example.edu or call +1 212 555 0147; the server is at 81.2.69.160 and "
        + "the router at 192.168.1.1.";
    Document d = new Document("a", "web", Document.Kind.WEB, "https://news.example.org/a", text, "en", Map.of());
    FilterChain.Verdict v = pii.apply(d);
    assertNull(v.reason());
    assertEquals("Write to <EMAIL> or call +1 212 555 0147; the server is at <IP> and the router at 192.168.1.1.",
        v.doc().text());
    assertEquals("1", v.doc().meta().get("pii.email"));
    assertEquals("1", v.doc().meta().get("pii.ip"));
    assertNull(v.doc().meta().get("pii.phone"));
  }

  @Test
  void fineWebRecipeRejectsWithReasonsFromItsFilters() {
    FilterChain fw = chain("recipe: fineweb");
    // a URL holding two of datatrove's soft-banned words (escort, webcam)
    String prose = "The committee met on Tuesday to discuss the budget for the coming year, and the members agreed "
        + "that the new library should be built with the money that was left over from the previous plan.\n";
    Document url = new Document("u", "web", Document.Kind.WEB, "https://example.org/escort-webcam", prose.repeat(3),
        null, Map.of());
    assertEquals("url:soft_banned_words", fw.apply(url).reason());
    Document german = new Document("g", "web", Document.Kind.WEB, "https://example.de/a",
        "Der Ausschuss hat am Dienstag getagt, um den Haushalt für das kommende Jahr zu besprechen, und die "
            + "Mitglieder waren sich einig, dass die neue Bibliothek gebaut werden soll.", null, Map.of());
    assertEquals("language:languages", fw.apply(german).reason());
    Document shortDoc = new Document("s", "web", Document.Kind.WEB, "https://example.org/b",
        "The committee met on Tuesday and the budget was discussed with care by all of the members present.",
        null, Map.of());
    assertEquals("gopher_quality:min_doc_words", fw.apply(shortDoc).reason());
  }
}

package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import kiln.core.Document;
import kiln.core.SharedData;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.filters.bench.LanguageAccuracy;
import kiln.filters.lang.OptimaizeLanguageIdentifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LanguageFilterTest {
  private static final LanguageFilter EN = LanguageFilter.fromConfig(ConfigNode.empty("t"));

  @Test
  void keepsEnglishSetsLangAndScore() {
    FilterResult r = EN.apply(TestDocs.web("The quick brown fox jumps over the lazy dog while the farmer watches "
        + "from the porch of his old wooden house."));
    assertTrue(r.kept(), r.rule());
    Document out = r.rewritten();
    assertEquals("en", out.lang());
    assertTrue(Double.parseDouble(out.meta().get("lang_score")) > 0.65);
  }

  @Test
  void rejectsOtherLanguagesWithRuleLanguages() {
    FilterResult r = EN.apply(TestDocs.web("Der schnelle braune Fuchs springt über den faulen Hund, während der "
        + "Bauer von der Veranda seines alten Holzhauses zuschaut."));
    assertEquals("languages", r.rule());
    assertEquals("de", r.rewritten().lang());
  }

  @Test
  void emptyLanguageListKeepsAnyConfidentLanguage() {
    LanguageFilter any = LanguageFilter.fromConfig(ConfigNode.parse("languages: []\nmin_score: 0.5", "t"));
    assertTrue(any.apply(TestDocs.web("Le renard brun rapide saute par-dessus le chien paresseux pendant que le "
        + "fermier regarde depuis le porche.")).kept());
  }

  @Test
  void deterministic() {
    String t = "Este es un texto corto en español para probar.";
    assertEquals(EN.apply(TestDocs.web(t)).signals(), EN.apply(TestDocs.web(t)).signals());
  }

  @Test
  void fastTextWithoutModelFileFailsNamingKey() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> LanguageFilter.fromConfig(ConfigNode.parse("model: fasttext\nfasttext_model: /nonexistent.bin", "t")));
    assertTrue(e.getMessage().contains("fasttext_model"), e.getMessage());
  }

  @Test
  void defaultModelIsLinguaAndOptimaizeStaysSelectable() {
    String de = "Der schnelle braune Fuchs springt über den faulen Hund, während der Bauer zuschaut.";
    assertEquals("lingua-1.2.2:high", EN.identifier().model());
    LanguageFilter opt = LanguageFilter.fromConfig(ConfigNode.parse("model: optimaize\nmax_chars: 500", "t"));
    assertEquals("optimaize-0.6", opt.identifier().model());
    assertEquals("de", opt.apply(TestDocs.web(de)).rewritten().lang());
    LanguageFilter low = LanguageFilter.fromConfig(ConfigNode.parse("accuracy: low\nexclude: []", "t"));
    assertEquals("lingua-1.2.2:low", low.identifier().model());
    assertEquals(75, low.identifier().languages().size());
    assertEquals("de", low.apply(TestDocs.web(de)).rewritten().lang());
  }

  @Test
  void cascadeModelAndNoveltySwitchFromConfig() {
    String de = "Der schnelle braune Fuchs springt über den faulen Hund, während der Bauer zuschaut.";
    LanguageFilter c = LanguageFilter.fromConfig(ConfigNode.parse("model: cascade\naccuracy: low", "t"));
    assertEquals("cascade(optimaize-0.6,lingua-1.2.2:low)", c.identifier().model());
    assertEquals("de", c.apply(TestDocs.web(de)).rewritten().lang());
    LanguageFilter off = LanguageFilter.fromConfig(ConfigNode.parse("accuracy: low\nnovelty: false", "t"));
    assertEquals("lingua-1.2.2:low:no-novelty", off.identifier().model());
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> LanguageFilter.fromConfig(ConfigNode.parse("model: cascade\nfast_score: 2", "t")));
    assertTrue(e.getMessage().contains("fast_score"), e.getMessage());
  }

  @Test
  void perLanguageMinScoreOverridesTheGlobalOne() {
    String fr = "Le renard brun rapide saute par-dessus le chien paresseux pendant que le fermier regarde.";
    LanguageFilter f = LanguageFilter.fromConfig(ConfigNode.parse(
        "languages: [en, fr]\nmin_score: 0.1\nmin_scores: {fr: 1.0}", "t"));
    FilterResult r = f.apply(TestDocs.web(fr));
    assertEquals("fr", r.rewritten().lang());
    assertEquals("min_score", r.rule());
  }

  @Test
  void badLinguaSettingsFailNamingTheKey() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> LanguageFilter.fromConfig(ConfigNode.parse("exclude: [xx]", "t")));
    assertTrue(e.getMessage().contains("exclude"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> LanguageFilter.fromConfig(ConfigNode.parse("und_scores: {fr: 2}", "t")));
    assertTrue(e.getMessage().contains("und_scores"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> LanguageFilter.fromConfig(ConfigNode.parse("accuracy: medium", "t")));
    assertTrue(e.getMessage().contains("accuracy"), e.getMessage());
  }

  @Test
  void accuracyOnLeipzigSentencesSample() throws IOException {
    Path dir = SharedData.data("multilingual/lingua-leipzig-testdata/sentences").orElse(null);
    Assumptions.assumeTrue(dir != null, "needs shared data multilingual/lingua-leipzig-testdata");
    // first 60 sentences of each supported language; the full set (bench/filters.sh langid) gives 0.96
    LanguageAccuracy.Result r = LanguageAccuracy.measure(
        new OptimaizeLanguageIdentifier(OptimaizeLanguageIdentifier.DEFAULT_MAX_CHARS), dir, 60);
    assertTrue(r.supported().size() >= 50, "languages: " + r.supported().keySet());
    assertTrue(r.mean() >= 0.95, "mean accuracy " + r.mean() + " " + r.supported());
    assertTrue(List.copyOf(r.supported().keySet()).contains("en"));
  }
}

package kiln.filters.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import kiln.core.SharedData;
import kiln.filters.bench.LanguageAccuracy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CascadeLanguageIdentifierTest {
  private static final OptimaizeLanguageIdentifier FAST =
      new OptimaizeLanguageIdentifier(OptimaizeLanguageIdentifier.DEFAULT_MAX_CHARS);
  private static final LinguaLanguageIdentifier LINGUA =
      LinguaLanguageIdentifier.withDefaults(LinguaLanguageIdentifier.Accuracy.LOW);
  private static final CascadeLanguageIdentifier CASCADE = new CascadeLanguageIdentifier(FAST, LINGUA,
      CascadeLanguageIdentifier.DEFAULT_MIN_FAST_SCORE, CascadeLanguageIdentifier.DEFAULT_CONFUSABLE, true);

  private static final String DE = "Der Ausschuss wird seinen Abschlussbericht über die neue Bahnstrecke Anfang "
      + "nächsten Jahres veröffentlichen, nachdem die öffentliche Anhörung abgeschlossen ist.";
  private static final String NB = "Regjeringen har bestemt at skolene skal holde stengt resten av uken, og "
      + "foreldrene må ordne med barnepass selv.";

  @Test
  void confidentUnconfusableLabelComesFromTheFastModel() {
    LanguageIdentifier.Prediction fast = FAST.identify(DE);
    assertEquals("de", fast.lang());
    assertEquals(fast, CASCADE.identify(DE), "the fast model's label and score");
  }

  @Test
  void confusableLabelsGoToLingua() {
    // optimaize calls Norwegian "no", a confusable label; Lingua tells nb from nn and da
    assertEquals(LINGUA.identify(NB), CASCADE.identify(NB));
    assertEquals("nb", CASCADE.identify(NB).lang());
    // nothing is fast enough with a threshold above 1: every label is Lingua's
    CascadeLanguageIdentifier never = new CascadeLanguageIdentifier(FAST, LINGUA, 1.0, Set.of(), true);
    assertEquals(LINGUA.identify(DE), never.identify(DE));
  }

  @Test
  void oromoIsUndOnBothPaths() throws IOException {
    Path dir = SharedData.data("multilingual/lingua-leipzig-testdata/sentences").orElse(null);
    Assumptions.assumeTrue(dir != null, "needs shared data multilingual/lingua-leipzig-testdata");
    List<String> paras = LanguageAccuracy.samples(dir.resolve("om.txt"), true, 60, LanguageAccuracy.Split.ODD);
    long und = paras.stream().filter(t -> CASCADE.identify(t).lang().equals("und")).count();
    assertTrue(und >= 54, "Oromo paragraphs und: " + und + " of " + paras.size());
  }

  @Test
  void badFastScoreFailsNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CascadeLanguageIdentifier(FAST, LINGUA, 1.5, Set.of(), true));
    assertTrue(e.getMessage().startsWith("fast_score:"), e.getMessage());
    assertEquals(LINGUA.languages(), CASCADE.languages());
  }
}

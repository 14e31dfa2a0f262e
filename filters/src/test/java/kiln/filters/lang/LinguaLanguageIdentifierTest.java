package kiln.filters.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.core.SharedData;
import kiln.filters.bench.LanguageAccuracy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LinguaLanguageIdentifierTest {
  // one instance for the class: Lingua's models load once per JVM, lazily
  private static final LinguaLanguageIdentifier ID =
      LinguaLanguageIdentifier.withDefaults(LinguaLanguageIdentifier.Accuracy.HIGH);
  // sentences per language in the accuracy test: 73 x 60 keeps it well under a minute on two idle cores
  private static final int PER_LANGUAGE = 60;

  private static Path leipzig(String set) {
    Path dir = SharedData.data("multilingual/lingua-leipzig-testdata/" + set).orElse(null);
    Assumptions.assumeTrue(dir != null,
        "needs shared data multilingual/lingua-leipzig-testdata (set KILN_SHARED to the shared folder)");
    return dir;
  }

  @Test
  void meanAccuracyOnLeipzigSentencesOfCoveredLanguages() throws IOException {
    LanguageAccuracy.Result r = LanguageAccuracy.measure(ID, leipzig("sentences"), PER_LANGUAGE);
    assertEquals(ID.languages().size(), r.supported().size(), "covered: " + r.supported().keySet());
    assertTrue(r.mean() >= 0.97, "mean accuracy " + r.mean() + " " + r.supported());
    // the four languages Lingua has no model for are scored on und, not in the mean
    assertTrue(r.unsupported().containsAll(Set.of("am", "om", "si", "ti")), "uncovered: " + r.unsupported());
  }

  @Test
  void languagesWithoutAModelGetUnd() throws IOException {
    Path dir = leipzig("sentences");
    // Amharic and Tigrinya (Ethiopic script) and Sinhala: no Lingua language uses these scripts
    for (String lang : List.of("am", "ti", "si")) {
      List<String> lines = LanguageAccuracy.samples(dir.resolve(lang + ".txt"), false, 100);
      long und = lines.stream().filter(t -> ID.identify(t).lang().equals("und")).count();
      assertTrue(und >= 90, lang + ": und for " + und + " of 100");
    }
    // Oromo (Latin script, close to Somali): most paragraphs und; a wrong label must come with a low score
    List<String> paras = LanguageAccuracy.samples(dir.resolve("om.txt"), true, 100);
    long und = paras.stream().filter(t -> ID.identify(t).lang().equals("und")).count();
    assertTrue(und >= 90, "om paragraphs: und for " + und + " of 100");
  }

  @Test
  void aLanguageLeftOutOfTheCandidatesGetsUndAtParagraphLengthNotItsNeighboursLabel() throws IOException {
    // Leave-one-language-out, the stand-in for languages no test file here has: without its own model, Finnish
    // paragraphs come out Estonian, Tagalog, Sesotho, ... with confident margins; the length-scaled novelty threshold
    // (NgramNovelty.threshold(lang, ngrams)) makes them und. With the sentence threshold at every length (and the
    // earlier per-language und_score table) 30 of these 50 held-out paragraphs were und.
    Path dir = leipzig("sentences");
    Set<String> exclude = new java.util.TreeSet<>(LinguaLanguageIdentifier.DEFAULT_EXCLUDE);
    exclude.add("fi");
    LinguaLanguageIdentifier noFi = new LinguaLanguageIdentifier(LinguaLanguageIdentifier.Accuracy.HIGH,
        LinguaLanguageIdentifier.DEFAULT_MAX_CHARS, exclude, LinguaLanguageIdentifier.DEFAULT_UND_SCORE, Map.of());
    List<String> paras = LanguageAccuracy.samples(dir.resolve("fi.txt"), true, 50, LanguageAccuracy.Split.HELDOUT);
    long und = paras.stream().filter(t -> noFi.identify(t).lang().equals("und")).count();
    assertTrue(und >= 45, "fi paragraphs without an fi model: und for " + und + " of " + paras.size());
    // while the covered languages keep their labels at that length
    LanguageAccuracy.Result r = LanguageAccuracy.measure(ID, dir, true, 10, null, LanguageAccuracy.Split.HELDOUT);
    assertTrue(r.mean() >= 0.98, "paragraph mean accuracy " + r.mean() + " " + r.supported());
  }

  @Test
  void undWithZeroScoreForTextWithoutLetters() {
    assertEquals(LanguageIdentifier.Prediction.UNKNOWN, ID.identify("1234 5678 !!! --- 42"));
    assertEquals(LanguageIdentifier.Prediction.UNKNOWN, ID.identify(""));
  }

  @Test
  void isoCodesAndConfidentLabelsOnClearText() {
    LanguageIdentifier.Prediction en = ID.identify("The committee will publish its final report on the new "
        + "railway line early next year, after the public consultation has closed.");
    assertEquals("en", en.lang());
    assertTrue(en.score() > 0.9, "score " + en.score());
    assertEquals("nb", ID.identify("Regjeringen har bestemt at skolene skal holde stengt resten av uken, "
        + "og foreldrene må ordne med barnepass selv.").lang());
    assertEquals("zh", ID.identify("中华人民共和国是世界上人口最多的国家之一。").lang());
    assertEquals("de", ID.identify("Der Ausschuss wird seinen Abschlussbericht über die neue Bahnstrecke "
        + "Anfang nächsten Jahres veröffentlichen.").lang());
  }

  @Test
  void defaultCandidatesLeaveOutBosnianAndMalay() {
    Set<String> langs = ID.languages();
    assertEquals(73, langs.size());
    assertFalse(langs.contains("bs") || langs.contains("ms"));
    assertTrue(langs.containsAll(Set.of("hr", "sr", "id", "nb", "nn", "da", "ca", "en")));
    LinguaLanguageIdentifier all = new LinguaLanguageIdentifier(LinguaLanguageIdentifier.Accuracy.HIGH,
        LinguaLanguageIdentifier.DEFAULT_MAX_CHARS, Set.of(), LinguaLanguageIdentifier.DEFAULT_UND_SCORE, Map.of());
    assertEquals(75, all.languages().size());
  }

  @Test
  void scoreGrowsWithMarginAndLengthAndStaysInUnitInterval() {
    assertTrue(LinguaLanguageIdentifier.score(0.01, 100) < LinguaLanguageIdentifier.score(0.1, 100));
    assertTrue(LinguaLanguageIdentifier.score(0.01, 100) < LinguaLanguageIdentifier.score(0.01, 1000));
    assertTrue(LinguaLanguageIdentifier.score(0, 1) > 0 && LinguaLanguageIdentifier.score(1, 100_000) < 1);
  }

  @Test
  void perLanguageUndScoreOverridesDefault() {
    String text = "Le comité publiera son rapport final sur la nouvelle ligne ferroviaire au début de l'année "
        + "prochaine.";
    LinguaLanguageIdentifier strict = new LinguaLanguageIdentifier(LinguaLanguageIdentifier.Accuracy.HIGH,
        LinguaLanguageIdentifier.DEFAULT_MAX_CHARS, LinguaLanguageIdentifier.DEFAULT_EXCLUDE,
        LinguaLanguageIdentifier.DEFAULT_UND_SCORE, Map.of("fr", 1.0));
    assertEquals("fr", ID.identify(text).lang());
    LanguageIdentifier.Prediction p = strict.identify(text);
    assertEquals("und", p.lang());
    assertEquals(ID.identify(text).score(), p.score(), 0.0);
    assertEquals(1.0, strict.undScore("fr"));
  }

  @Test
  void badSettingsFailNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LinguaLanguageIdentifier(LinguaLanguageIdentifier.Accuracy.LOW, 100, Set.of("xx"), 0.2, Map.of()));
    assertTrue(e.getMessage().startsWith("exclude:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new LinguaLanguageIdentifier(LinguaLanguageIdentifier.Accuracy.LOW, 100, Set.of(), 0.2,
            Map.of("fr", 1.5)));
    assertTrue(e.getMessage().startsWith("und_scores.fr:"), e.getMessage());
  }

  @Test
  void longTextIsCutAtMaxChars() throws IOException {
    Path dir = leipzig("sentences");
    String de = String.join(" ", Files.readAllLines(dir.resolve("de.txt")).subList(0, 50));
    assertTrue(de.length() > LinguaLanguageIdentifier.DEFAULT_MAX_CHARS);
    assertEquals("de", ID.identify(de).lang());
    assertEquals(ID.identify(de).score(), ID.identify(de + " " + "The end of the text is English.").score(), 0.0);
  }
}

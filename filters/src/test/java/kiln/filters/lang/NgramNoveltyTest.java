package kiln.filters.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import kiln.core.SharedData;
import kiln.filters.bench.LanguageAccuracy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NgramNoveltyTest {

  private static Path sentences() {
    Path dir = SharedData.data("multilingual/lingua-leipzig-testdata/sentences").orElse(null);
    Assumptions.assumeTrue(dir != null,
        "needs shared data multilingual/lingua-leipzig-testdata (set KILN_SHARED to the shared folder)");
    return dir;
  }

  @Test
  void countsFiveGramsInsideLetterRunsOnly() {
    // "the cat" has no 5-gram; "language" has 4 ("langu" "angua" "nguag" "guage"), digits and spaces cut runs
    assertEquals(0, NgramNovelty.counts("en", "the cat 12345")[0]);
    int[] c = NgramNovelty.counts("en", "Language");
    assertEquals(4, c[0]);
    assertEquals(0, c[1], "English has seen every 5-gram of 'language'");
    int[] x = NgramNovelty.counts("en", "qzxjv wqpfk");
    assertEquals(2, x[0]);
    assertEquals(2, x[1]);
  }

  @Test
  void noModelOrTooFewNgramsGivesNoVerdict() {
    assertNull(NgramNovelty.counts("xx", "language"));
    assertFalse(NgramNovelty.novel("xx", "qzxjv wqpfk qzxjv wqpfk"));
    assertFalse(NgramNovelty.novel("en", "qzxjv"), "one 5-gram is too little evidence");
    assertTrue(NgramNovelty.novel("en", "qzxjv wqpfk xzqvj kfpqw vjxzq"));
  }

  @Test
  void thresholdsCoverTheLatinScriptLanguagesAndAreRates() {
    for (String l : List.of("en", "so", "fi", "lg", "la", "ga", "pt")) {
      double t = NgramNovelty.threshold(l).orElseThrow(() -> new AssertionError("no threshold for " + l));
      assertTrue(t >= 0 && t < 1, l + " " + t);
    }
    assertTrue(NgramNovelty.threshold("om").isEmpty(), "Lingua has no Oromo model");
  }

  @Test
  void longerTextsGetAThresholdCloserToTheLanguagesMeanRateButNotBelowTheFloor() {
    // Urdu: sentence quantile 0.85, mean rate 0.26, median 13 5-grams per calibration sentence
    double sentence = NgramNovelty.threshold("ur").orElseThrow();
    assertEquals(sentence, NgramNovelty.threshold("ur", 40).orElseThrow(), "short texts keep the sentence quantile");
    double para = NgramNovelty.threshold("ur", 400).orElseThrow();
    double page = NgramNovelty.threshold("ur", 1600).orElseThrow();
    assertTrue(para < sentence && page < para && page > 0.26, sentence + " " + para + " " + page);
    assertTrue(NgramNovelty.threshold("so", 1600).orElseThrow() <= NgramNovelty.threshold("so").orElseThrow());
    // the floor (lower quartile of the quantiles) holds at any length; lg's own quantile is 0
    double floor = NgramNovelty.threshold("lg").orElseThrow();
    assertTrue(floor > 0.1, "floor " + floor);
    assertEquals(floor, NgramNovelty.threshold("lg", 100_000).orElseThrow());
    assertTrue(NgramNovelty.threshold("en", 100_000).orElseThrow() >= floor);
    assertTrue(NgramNovelty.threshold("om", 400).isEmpty());
  }

  @Test
  void oromoLabelledSomaliIsMostlyNovelWhileSomaliIsNot() throws IOException {
    Path dir = sentences();
    // odd lines: the thresholds were calibrated on even lines
    List<String> so = LanguageAccuracy.samples(dir.resolve("so.txt"), false, 200, LanguageAccuracy.Split.ODD);
    List<String> om = LanguageAccuracy.samples(dir.resolve("om.txt"), true, 100, LanguageAccuracy.Split.ODD);
    long soNovel = so.stream().filter(t -> NgramNovelty.novel("so", t)).count();
    long omNovel = om.stream().filter(t -> NgramNovelty.novel("so", t)).count();
    assertTrue(soNovel <= 6, "Somali sentences taken for novel under the Somali model: " + soNovel + " of 200");
    assertTrue(omNovel >= 90, "Oromo paragraphs novel under the Somali model: " + omNovel + " of 100");
  }
}

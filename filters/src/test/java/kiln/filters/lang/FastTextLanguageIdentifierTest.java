package kiln.filters.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.filters.FilterResult;
import kiln.filters.LanguageFilter;
import kiln.filters.TestDocs;
import kiln.filters.model.FastTextCli;
import kiln.filters.model.ParityCorpusAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lid.176.bin cannot be downloaded here, so a small language-ID model with the same label scheme
 * ({@code __label__en} ...) is trained by the fastText binary on Leipzig sentences; the identifier must give the
 * binary's top label and probability on held-out sentences, and drive the language filter.
 */
class FastTextLanguageIdentifierTest {

  @Test
  void userSuppliedModelMatchesTheFastTextBinary(@TempDir Path tmp) throws Exception {
    FastTextCli.binary();
    List<String> langs = List.of("en", "de", "fr", "nl");
    StringBuilder train = new StringBuilder();
    List<String> held = new ArrayList<>();
    for (String lang : langs) {
      List<String> lines = ParityCorpusAccess.leipzig(lang);
      for (String l : lines.subList(0, 800)) {
        train.append("__label__").append(lang).append(' ').append(l).append('\n');
      }
      held.addAll(lines.subList(900, 1000));
    }
    Files.writeString(tmp.resolve("train.txt"), train.toString(), StandardCharsets.UTF_8);
    Path bin = FastTextCli.train(tmp, tmp.resolve("train.txt"), "lid-tiny", "-minn", "2", "-maxn", "4", "-dim",
        "16", "-epoch", "10", "-bucket", "200000");
    Files.writeString(tmp.resolve("filters.yaml"), "model: fasttext\nfasttext_model: lid-tiny.bin\n"
        + "languages: [de]\nmin_score: 0.5\n");
    LanguageFilter f = LanguageFilter.fromConfig(ConfigNode.load(tmp.resolve("filters.yaml")));
    FastTextLanguageIdentifier id = new FastTextLanguageIdentifier(bin);

    Files.writeString(tmp.resolve("held.txt"), String.join("\n", held) + "\n", StandardCharsets.UTF_8);
    String[] out = FastTextCli.run(tmp, "predict-prob", bin.toString(), tmp.resolve("held.txt").toString(), "1")
        .split("\n");
    assertEquals(held.size(), out.length);
    int correct = 0;
    for (int i = 0; i < held.size(); i++) {
      String[] tok = out[i].split(" ");
      LanguageIdentifier.Prediction p = id.identify(held.get(i));
      assertEquals(tok[0].substring("__label__".length()), p.lang(), held.get(i));
      assertEquals(Math.min(1.0, Double.parseDouble(tok[1])), p.score(), 1e-5, held.get(i));
      correct += p.lang().equals(langs.get(i / 100)) ? 1 : 0;
    }
    assertTrue(correct >= 360, "accuracy " + correct + "/400");
    // a multi-line text is classified as one line (newlines as spaces), as datatrove does
    String twoLines = held.get(100) + "\n" + held.get(101);
    assertEquals(id.identify(held.get(100) + " " + held.get(101)), id.identify(twoLines));

    FilterResult de = f.apply(TestDocs.web(held.get(100)));
    assertEquals("de", de.rewritten().lang());
    assertEquals("languages", f.apply(TestDocs.web(held.get(0))).rule());
  }

  @Test
  void missingOrInvalidModelFailsNamingTheKey(@TempDir Path tmp) throws Exception {
    ConfigException missing = assertThrows(ConfigException.class, () -> LanguageFilter.fromConfig(
        ConfigNode.parse("model: fasttext\nfasttext_model: '" + tmp.resolve("lid.176.bin") + "'", "cfg.yaml")));
    assertTrue(missing.getMessage().contains("fasttext_model") && missing.getMessage().contains("lid.176.bin"),
        missing.getMessage());
    Files.writeString(tmp.resolve("bad.bin"), "not a model at all");
    ConfigException bad = assertThrows(ConfigException.class, () -> LanguageFilter.fromConfig(
        ConfigNode.parse("model: fasttext\nfasttext_model: '" + tmp.resolve("bad.bin") + "'", "cfg.yaml")));
    assertTrue(bad.getMessage().contains("fasttext_model") && bad.getMessage().contains("bad.bin"),
        bad.getMessage());
  }
}

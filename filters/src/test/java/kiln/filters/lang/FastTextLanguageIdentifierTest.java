package kiln.filters.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.jfasttext.JFastText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.filters.FilterResult;
import kiln.filters.LanguageFilter;
import kiln.filters.TestDocs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains a tiny fastText model here (en/de/fr Leipzig sentences) and runs it through the JNI identifier. */
class FastTextLanguageIdentifierTest {

  @Test
  void userSuppliedModelThroughJni(@TempDir Path tmp) throws IOException {
    Path dir = SharedData.data("multilingual/lingua-leipzig-testdata/sentences").orElse(null);
    Assumptions.assumeTrue(dir != null, "needs shared data multilingual/lingua-leipzig-testdata");
    List<String> train = new ArrayList<>();
    for (String lang : List.of("en", "de", "fr")) {
      List<String> lines = Files.readAllLines(dir.resolve(lang + ".txt"), StandardCharsets.UTF_8);
      for (String l : lines.subList(0, 800)) {
        train.add("__label__" + lang + " " + l);
      }
    }
    Path trainFile = tmp.resolve("train.txt");
    Files.write(trainFile, train, StandardCharsets.UTF_8);
    Path model = tmp.resolve("lid-tiny");
    new JFastText().runCmd(new String[] {"supervised", "-input", trainFile.toString(), "-output", model.toString(),
        "-minn", "2", "-maxn", "4", "-dim", "16", "-epoch", "10", "-bucket", "200000", "-thread", "1",
        "-verbose", "0"});
    Path bin = tmp.resolve("lid-tiny.bin");
    assertTrue(Files.isRegularFile(bin));
    LanguageFilter f = LanguageFilter.fromConfig(ConfigNode.parse(
        "model: fasttext\nfasttext_model: '" + bin + "'\nlanguages: [de]\nmin_score: 0.5", "t"));
    // sentences 900.. were not used for training
    String de = Files.readAllLines(dir.resolve("de.txt"), StandardCharsets.UTF_8).get(900);
    String en = Files.readAllLines(dir.resolve("en.txt"), StandardCharsets.UTF_8).get(900);
    FilterResult r = f.apply(TestDocs.web(de));
    assertEquals("de", r.rewritten().lang());
    assertEquals("languages", f.apply(TestDocs.web(en)).rule());
  }
}

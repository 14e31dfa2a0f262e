package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.core.Document;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.filters.model.FastTextCli;
import kiln.filters.spark.FilterStage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DCLM-style classifier trained here with the fastText binary (Gutenberg lines as {@code __label__hq}, the
 * nlp-corpus sentences as {@code __label__cc}), used through the filter config: the score of a multi-line
 * document equals {@code fasttext predict-prob} on its one-line form, and the held-out books are kept.
 */
class QualityClassifierFilterTest {
  @TempDir
  static Path tmp;

  static List<String> books;
  static List<String> misc;

  @BeforeAll
  static void model() throws Exception {
    FastTextCli.binary();
    books = kiln.filters.model.ParityCorpusAccess.books();
    misc = kiln.filters.model.ParityCorpusAccess.misc();
    StringBuilder train = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      train.append("__label__hq ").append(books.get(2 * i)).append('\n');
      train.append("__label__cc ").append(misc.get(2 * i)).append('\n');
    }
    Files.writeString(tmp.resolve("train.txt"), train.toString(), StandardCharsets.UTF_8);
    FastTextCli.train(tmp, tmp.resolve("train.txt"), "hq", "-wordNgrams", "2", "-dim", "16", "-epoch", "5",
        "-bucket", "100000", "-lr", "0.5");
  }

  /** Held-out documents of 6 lines each, from odd-numbered lines (training used the even ones). */
  static List<Document> docs(List<String> lines, String kind) {
    List<Document> out = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < 6; j++) {
        sb.append(j == 0 ? "" : "\n").append(lines.get(2 * (d * 6 + j) + 1));
      }
      out.add(new Document(kind + d, kind, Document.Kind.WEB, null, sb.toString(), null, null));
    }
    return out;
  }

  static Path config(String params, boolean signals) throws Exception {
    Path cfg = tmp.resolve("filters-" + Math.abs(params.hashCode()) + signals + ".yaml");
    Files.writeString(cfg, "filters:\n  - quality_classifier: {" + params + "}\nsignals: " + signals + "\n");
    return cfg;
  }

  @Test
  void signalEqualsFastTextOnTheOneLineFormAndBooksAreKept() throws Exception {
    String params = "model: hq.bin, label: __label__hq, threshold: 0.5, text_prefix_chars: 300";
    FilterChain signals = FilterStage.buildChain(ConfigNode.load(config(params, true)));
    FilterChain filter = FilterStage.buildChain(ConfigNode.load(config(params, false)));
    QualityClassifierFilter f = (QualityClassifierFilter) filter.filters().get(0);
    List<Document> all = new ArrayList<>(docs(books, "book"));
    all.addAll(docs(misc, "misc"));
    StringBuilder input = new StringBuilder();
    for (Document d : all) {
      String line = f.line(d.text());
      assertFalse(line.contains("\n"));
      assertTrue(line.codePointCount(0, line.length()) <= 300);
      input.append(line).append('\n');
    }
    Files.writeString(tmp.resolve("docs.txt"), input.toString(), StandardCharsets.UTF_8);
    String[] out = FastTextCli.run(tmp, "predict-prob", tmp.resolve("hq.bin").toString(),
        tmp.resolve("docs.txt").toString(), "-1").split("\n");
    assertEquals(all.size(), out.length);
    int keptBooks = 0;
    int keptMisc = 0;
    for (int i = 0; i < all.size(); i++) {
      String[] tok = out[i].split(" ");
      double expected = 0;
      for (int j = 0; j < tok.length; j += 2) {
        if (tok[j].equals("__label__hq")) {
          expected = Double.parseDouble(tok[j + 1]);
        }
      }
      Document d = all.get(i);
      String sig = signals.apply(d).doc().meta().get("signal.quality_classifier.score");
      assertEquals(expected, Double.parseDouble(sig), 1e-5, d.id());
      FilterChain.Verdict v = filter.apply(d);
      assertEquals(Double.parseDouble(sig) > 0.5, v.reason() == null, d.id());
      if (v.reason() != null) {
        assertEquals("quality_classifier:threshold", v.reason());
      } else if (d.id().startsWith("book")) {
        keptBooks++;
      } else {
        keptMisc++;
      }
    }
    assertTrue(keptBooks >= 27 && keptMisc <= 3, "kept books " + keptBooks + "/30, misc " + keptMisc + "/30");
  }

  @Test
  void prefixScoresOnlyTheFirstCodePoints() throws Exception {
    QualityClassifierFilter whole = QualityClassifierFilter.fromConfig(ConfigNode.parse(
        "model: '" + tmp.resolve("hq.bin") + "'", "t"));
    QualityClassifierFilter prefix = QualityClassifierFilter.fromConfig(ConfigNode.parse(
        "model: '" + tmp.resolve("hq.bin") + "'\ntext_prefix_chars: 40", "t"));
    String text = "😀 " + books.get(1) + "\n" + misc.get(1);
    String first40 = text.substring(0, text.offsetByCodePoints(0, 40));
    assertEquals(whole.score(first40), prefix.score(text));
    assertEquals(whole.score(text.replace('\n', ' ')), whole.score(text));
  }

  @Test
  void badModelConfigsFailNamingFileAndKey() throws Exception {
    ConfigException missing = assertThrows(ConfigException.class,
        () -> FilterStage.buildChain(ConfigNode.load(config("model: nosuch.bin", false))));
    assertTrue(missing.getMessage().contains("quality_classifier.model"), missing.getMessage());
    assertTrue(missing.getMessage().contains(tmp.resolve("nosuch.bin").toString()), missing.getMessage());
    Files.writeString(tmp.resolve("garbage.bin"), "this is not a model");
    ConfigException garbage = assertThrows(ConfigException.class,
        () -> FilterStage.buildChain(ConfigNode.load(config("model: garbage.bin", false))));
    assertTrue(garbage.getMessage().contains("garbage.bin") && garbage.getMessage().contains("not a fastText"),
        garbage.getMessage());
    byte[] full = Files.readAllBytes(tmp.resolve("hq.bin"));
    Files.write(tmp.resolve("truncated.bin"), java.util.Arrays.copyOf(full, full.length / 2));
    ConfigException truncated = assertThrows(ConfigException.class,
        () -> FilterStage.buildChain(ConfigNode.load(config("model: truncated.bin", false))));
    assertTrue(truncated.getMessage().contains("truncated.bin"), truncated.getMessage());
    ConfigException label = assertThrows(ConfigException.class,
        () -> FilterStage.buildChain(ConfigNode.load(config("model: hq.bin, label: __label__nosuch", false))));
    assertTrue(label.getMessage().contains("quality_classifier.label") && label.getMessage().contains("__label__cc"),
        label.getMessage());
  }
}

package kiln.filters.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kiln's reader against the fastText binary: models trained here by {@code fasttext supervised} on real lines
 * (book / speech / misc), one per output layer, two of them also quantized by {@code fasttext quantize}; every
 * label and probability {@code fasttext predict-prob} prints for 2,400 held-out real lines plus multilingual and
 * odd lines must come out of {@link FastTextModel#predict} equal (to 1e-5) and in the same order.
 */
class FastTextParityTest {
  @TempDir
  static Path tmp;

  static Path train;
  static Path test;
  static List<String> testLines;

  @BeforeAll
  static void corpus() throws IOException {
    FastTextCli.binary();
    List<List<String>> kinds = List.of(ParityCorpus.books(), ParityCorpus.speeches(), ParityCorpus.misc());
    List<String> labels = List.of("__label__book", "__label__speech", "__label__misc");
    List<String> trainLines = new ArrayList<>();
    testLines = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      for (int c = 0; c < kinds.size(); c++) {
        trainLines.add(labels.get(c) + " " + kinds.get(c).get(i * 3));
      }
    }
    for (int i = 0; i < 800; i++) {
      for (List<String> kind : kinds) {
        testLines.add(kind.get(i * 3 + 1)); // lines between training lines: held out
      }
    }
    for (String lang : List.of("de", "ru", "zh", "ar", "hi", "el")) {
      testLines.addAll(ParityCorpus.leipzig(lang).subList(0, 25));
    }
    // odd lines: empty, only delimiters, every delimiter, labels in the text, long words (not a literal </s>:
    // the binary ends the line there and predicts the rest of it as another line)
    testLines.addAll(List.of("", "   ", " \t\u000b\f\r ", "a\u0000b\rc\td", "__label__book the king said",
        "__label__nosuch word and __label__speech", "Congress " + "x".repeat(300), "naïve café déjà-vu Ünïcödé ½ → ∞", "😀 emoji 🇩🇪 flags"));
    train = ParityCorpus.write(tmp.resolve("train.txt"), trainLines);
    test = ParityCorpus.write(tmp.resolve("test.txt"), testLines);
    assertTrue(testLines.size() >= 2000);
  }

  @Test
  void softmaxWithCharNgramsAndItsQnormRetrainedQuantization() throws Exception {
    Path bin = FastTextCli.train(tmp, train, "softmax", "-wordNgrams", "2", "-minn", "2", "-maxn", "4", "-dim",
        "16", "-epoch", "5", "-bucket", "200000", "-lr", "0.5");
    assertParity(bin, "-1");
    assertParity(bin, "2", "0.2");
    FastTextCli.run(tmp, "quantize", "-output", tmp.resolve("softmax").toString(), "-input", train.toString(),
        "-qnorm", "-retrain", "-epoch", "1", "-cutoff", "20000", "-thread", "1", "-verbose", "0");
    Path ftz = tmp.resolve("softmax.ftz");
    assertTrue(FastTextModel.load(ftz).quantized());
    assertParity(ftz, "-1");
  }

  @Test
  void hierarchicalSoftmaxWithTrigramsAndItsQuantization() throws Exception {
    Path bin = FastTextCli.train(tmp, train, "hs", "-loss", "hs", "-wordNgrams", "3", "-dim", "15", "-epoch", "5",
        "-bucket", "100000", "-lr", "0.5");
    assertParity(bin, "-1");
    assertParity(bin, "1");
    assertParity(bin, "3", "0.3");
    FastTextCli.run(tmp, "quantize", "-output", tmp.resolve("hs").toString(), "-input", train.toString(),
        "-cutoff", "5000", "-thread", "1",
        "-verbose", "0");
    Path ftz = tmp.resolve("hs.ftz");
    assertTrue(FastTextModel.load(ftz).quantized());
    assertParity(ftz, "-1");
  }

  @Test
  void oneVsAllWithCharNgrams() throws Exception {
    Path bin = FastTextCli.train(tmp, train, "ova", "-loss", "ova", "-wordNgrams", "2", "-minn", "3", "-maxn", "5",
        "-dim", "8", "-epoch", "3", "-bucket", "50000");
    assertParity(bin, "-1");
    assertParity(bin, "2", "0.5");
  }

  /** {@code fasttext predict-prob MODEL test.txt K [THRESHOLD]} against Kiln, line by line. */
  static void assertParity(Path model, String k, String... threshold) throws Exception {
    List<String> args = new ArrayList<>(List.of("predict-prob", model.toString(), test.toString(), k));
    args.addAll(List.of(threshold));
    String out = FastTextCli.run(tmp, args.toArray(String[]::new));
    String[] lines = out.split("\n", -1);
    assertEquals(testLines.size() + 1, lines.length, "one output line per input line");
    FastTextModel m = FastTextModel.load(model);
    float th = threshold.length == 0 ? 0f : Float.parseFloat(threshold[0]);
    int compared = 0;
    for (int i = 0; i < testLines.size(); i++) {
      List<FastTextPrediction> kiln = m.predict(testLines.get(i), Integer.parseInt(k), th);
      String[] tok = lines[i].isEmpty() ? new String[0] : lines[i].split(" ");
      String where = model.getFileName() + " k=" + k + " line " + i + " '" + testLines.get(i) + "': fasttext '"
          + lines[i] + "', kiln " + kiln;
      assertEquals(tok.length / 2, kiln.size(), where);
      for (int j = 0; j < kiln.size(); j++) {
        assertEquals(tok[2 * j], kiln.get(j).label(), where);
        assertEquals(Double.parseDouble(tok[2 * j + 1]), kiln.get(j).probability(), 1e-5, where);
        compared++;
      }
    }
    System.out.printf(Locale.ROOT, "parity %s k=%s%s: %d lines, %d label/probability pairs equal%n",
        model.getFileName(), k, threshold.length == 0 ? "" : " threshold=" + threshold[0], testLines.size(), compared);
  }
}

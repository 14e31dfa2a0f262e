package kiln.filters.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer, its file writer, the example split and the metrics; no Spark. */
class FastTextTrainerTest {

  @Test
  void tokensAreFastTextsSplitWithEndOfLine() {
    assertEquals(List.of("a", "b", "</s>"), FastTextTrainer.tokens("  a\tb\u000b "));
    assertEquals(List.of("a", "</s>"), FastTextTrainer.tokens("a </s> c d"), "a literal </s> ends the line");
    assertEquals(List.of("x", "</s>"), FastTextTrainer.tokens("__label__hq x"), "label-like tokens are not words");
    assertEquals(List.of("caf\u00e9\u00a0bar", "</s>"), FastTextTrainer.tokens("caf\u00e9\u00a0bar"),
        "non-ASCII spaces do not split, as in fastText");
  }

  @Test
  void aucIsTheMannWhitneyStatisticWithTiesAsHalf() {
    // positives 0.35, 0.8; negatives 0.1, 0.4: pairs (pos > neg) = 0.35>0.1, 0.8>0.1, 0.8>0.4 -> 3 of 4
    BinaryMetrics m = BinaryMetrics.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true},
        0.3);
    assertEquals(0.75, m.auc(), 1e-12);
    assertEquals(2, m.truePositives());
    assertEquals(1, m.falsePositives());
    assertEquals(2.0 / 3, m.precision(), 1e-12);
    assertEquals(1.0, m.recall(), 1e-12);
    // positives 0.5, 0.9; negatives 0.5, 0.1: 0.5=0.5 counts one half, the other three pairs 1: 3.5 / 4
    assertEquals(0.875, BinaryMetrics.of(new double[] {0.5, 0.5, 0.9, 0.1},
        new boolean[] {true, false, true, false}, 0.5).auc(), 1e-12);
    assertTrue(Double.isNaN(BinaryMetrics.of(new double[] {0.2}, new boolean[] {true}, 0.5).auc()));
  }

  @Test
  void piecesFollowParagraphsAndTheSplitIsSeededAndNearTheFraction() {
    List<TrainingExamples.Piece> p = TrainingExamples.pieces("d", "aaaa\nbb\n\ncc\n \ndddddd\n\ne", 5);
    assertEquals(List.of(new TrainingExamples.Piece("d#0", "aaaa bb"), new TrainingExamples.Piece("d#1", "cc dddddd"),
        new TrainingExamples.Piece("d#2", "e")), p);
    assertEquals(List.of(new TrainingExamples.Piece("d", "a b")), TrainingExamples.pieces("d", "a\nb", 0));
    assertEquals(List.of(new TrainingExamples.Piece("d", "a b")), TrainingExamples.pieces("d", "a\nb", 100));
    assertTrue(TrainingExamples.pieces("d", " \n ", 10).isEmpty());
    int held = 0;
    int heldOtherSeed = 0;
    int both = 0;
    for (int i = 0; i < 20000; i++) {
      String k = "doc-" + i;
      boolean a = TrainingExamples.heldOut(k, 0, 0.1);
      boolean b = TrainingExamples.heldOut(k, 1, 0.1);
      assertEquals(a, TrainingExamples.heldOut(k, 0, 0.1));
      held += a ? 1 : 0;
      heldOtherSeed += b ? 1 : 0;
      both += a && b ? 1 : 0;
    }
    assertEquals(2000, held, 150);
    assertEquals(2000, heldOtherSeed, 150);
    assertEquals(200, both, 60, "seeds give independent splits");
  }

  @Test
  void trainsASeparableTaskWritesAModelTheReaderLoadsAndIsDeterministic(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    String[] good = {"the", "committee", "reported", "on", "national", "policy", "and", "its", "history"};
    String[] bad = {"click", "here", "buy", "now", "free", "shipping", "login", "cart", "sale"};
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (int i = 0; i < 400; i++) {
      boolean pos = i % 2 == 0;
      String[] v = pos ? good : bad;
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 12; w++) {
        sb.append(v[r.nextInt(v.length)]).append(' ');
        if (r.nextInt(4) == 0) {
          sb.append("shared ");
        }
      }
      lines.add(sb.toString());
      labels.add(pos ? 0 : 1);
    }
    Map<String, Long> vocab = new HashMap<>();
    for (String l : lines) {
      for (String t : FastTextTrainer.tokens(l)) {
        vocab.merge(t, 1L, Long::sum);
      }
    }
    int[] labelOf = labels.stream().mapToInt(Integer::intValue).toArray();
    FastTextTrainer.Options o = new FastTextTrainer.Options(8, 3, 0.2, 2, 4096, 1, 42);
    Path a = dir.resolve("a.bin");
    FastTextModel m = FastTextTrainer.train(lines, labelOf, List.of("__label__hq", "__label__cc"), vocab, o, a);
    assertEquals(List.of("__label__hq", "__label__cc"), m.labels());
    assertEquals(8, m.args().dim());
    assertEquals(2, m.args().wordNgrams());
    assertEquals(FastTextArgs.Loss.SOFTMAX, m.args().loss());
    assertEquals("__label__hq", m.predict("the committee reported on its history", 1, 0f).get(0).label());
    assertEquals("__label__cc", m.predict("click here buy now free shipping", 1, 0f).get(0).label());
    assertTrue(m.probability("national policy and history", 0) > 0.9);
    // exact size: header 8 + args 12*4+8 + dict header 28 + entries + 2 flags + 2 matrix headers 32 + floats
    long entries = 0;
    for (String w : vocab.keySet()) {
      entries += w.getBytes(StandardCharsets.UTF_8).length + 1 + 8 + 1;
    }
    entries += 2 * ("__label__hq".length() + 1 + 8 + 1);
    assertEquals(8 + 56 + 28 + entries + 2 + 32 + 4L * 8 * (vocab.size() + 4096 + 2), Files.size(a));

    Path b = dir.resolve("b.bin");
    FastTextTrainer.train(lines, labelOf, List.of("__label__hq", "__label__cc"), vocab, o, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same input and options, same bytes");
    Path c = dir.resolve("c.bin");
    FastTextTrainer.train(lines, labelOf, List.of("__label__hq", "__label__cc"), vocab,
        new FastTextTrainer.Options(8, 3, 0.2, 2, 4096, 1, 43), c);
    assertNotEquals(java.util.Arrays.hashCode(Files.readAllBytes(a)), java.util.Arrays.hashCode(Files.readAllBytes(c)),
        "the seed drives the initialisation");
  }

  @Test
  void theRealFastTextReadsTheWrittenModelAndAgrees(@TempDir Path dir) throws Exception {
    FastTextCli.binary();
    List<String> lines = new ArrayList<>();
    int[] labelOf = new int[6];
    String[] text = {"a quiet chapter of the old book", "buy cheap pills now", "the report to congress on trade",
        "click to subscribe free", "caf\u00e9 na\u00efve r\u00e9sum\u00e9 prose", "login  cart\tsale"};
    Map<String, Long> vocab = new HashMap<>();
    for (int i = 0; i < text.length; i++) {
      lines.add(text[i]);
      labelOf[i] = i % 2;
      for (String t : FastTextTrainer.tokens(text[i])) {
        vocab.merge(t, 1L, Long::sum);
      }
    }
    Path model = dir.resolve("m.bin");
    FastTextModel m = FastTextTrainer.train(lines, labelOf, List.of("__label__hq", "__label__cc"), vocab,
        new FastTextTrainer.Options(4, 20, 0.5, 2, 1000, 1, 0), model);
    List<String> probe = new ArrayList<>(lines);
    probe.add("unseen words only here");
    probe.add("the old book on trade");
    Path in = dir.resolve("probe.txt");
    Files.write(in, probe, StandardCharsets.UTF_8);
    String[] got = FastTextCli.run(dir, "predict-prob", model.toString(), in.toString(), "-1").split("\n");
    assertEquals(probe.size(), got.length);
    for (int i = 0; i < probe.size(); i++) {
      String[] f = got[i].split(" ");
      List<FastTextPrediction> k = m.predict(probe.get(i), -1, 0f);
      assertEquals(2 * k.size(), f.length, got[i]);
      for (int j = 0; j < k.size(); j++) {
        assertEquals(k.get(j).label(), f[2 * j], "line " + i);
        assertEquals(k.get(j).probability(), Float.parseFloat(f[2 * j + 1]), 1e-5, "line " + i);
      }
    }
    assertEquals("__label__hq", m.predict(text[0], 1, 0f).get(0).label());
    assertThrows(IllegalArgumentException.class, () -> FastTextTrainer.checkLabel("__label__a b"));
    assertThrows(IllegalArgumentException.class, () -> FastTextTrainer.checkLabel("hq"));
  }
}

package kiln.filters.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made two-word, two-label softmax model written byte by byte in fastText's format (no binary needed):
 * predictions against values computed by hand, line semantics, and malformed files.
 */
class FastTextModelTest {

  /** dim 2; words hello = (1, 0), </s> = (0, 1); labels a = (1, 0), b = (0, 1); no n-grams. */
  static byte[] tinyModel() {
    ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(793712314).putInt(12);
    // dim ws epoch minCount neg wordNgrams loss(softmax) model(sup) bucket minn maxn lrUpdateRate t
    for (int v : new int[] {2, 5, 1, 1, 5, 1, 3, 3, 0, 0, 0, 100}) {
      b.putInt(v);
    }
    b.putDouble(1e-4);
    b.putInt(4).putInt(2).putInt(2).putLong(10).putLong(-1);
    String[] words = {"hello", "</s>", "__label__a", "__label__b"};
    for (int i = 0; i < words.length; i++) {
      b.put(words[i].getBytes(StandardCharsets.UTF_8)).put((byte) 0).putLong(5 - i).put((byte) (i < 2 ? 0 : 1));
    }
    b.put((byte) 0).putLong(2).putLong(2).putFloat(1).putFloat(0).putFloat(0).putFloat(1);
    b.put((byte) 0).putLong(2).putLong(2).putFloat(1).putFloat(0).putFloat(0).putFloat(1);
    return Arrays.copyOf(b.array(), b.position());
  }

  @Test
  void softmaxOverTheAveragedRowsPlusFastTextsOffset(@TempDir Path tmp) throws IOException {
    Path f = Files.write(tmp.resolve("tiny.bin"), tinyModel());
    FastTextModel m = FastTextModel.load(f);
    assertEquals(List.of("__label__a", "__label__b"), m.labels());
    // "hello hello" + </s>: hidden = (2/3, 1/3); P(a) = 1 / (1 + e^(-1/3))
    List<FastTextPrediction> p = m.predict("hello hello", -1, 0f);
    assertEquals("__label__a", p.get(0).label());
    assertEquals(1 / (1 + Math.exp(-1.0 / 3)) + 1e-5, p.get(0).probability(), 1e-6);
    assertEquals(1 / (1 + Math.exp(1.0 / 3)) + 1e-5, p.get(1).probability(), 1e-6);
    // an unknown word adds nothing (no n-grams): only </s>, hidden = (0, 1)
    List<FastTextPrediction> q = m.predict("unknown", 1, 0f);
    assertEquals("__label__b", q.get(0).label());
    assertEquals(1 / (1 + Math.exp(-1.0)) + 1e-5, q.get(0).probability(), 1e-6);
    assertEquals(q, m.predict("", 1, 0f));
    // labels in the text are not input; a literal </s> ends the line, as does \n
    assertEquals(p, m.predict("__label__b hello __label__zzz hello", -1, 0f));
    assertEquals(p, m.predict("hello hello </s> unknown words", -1, 0f));
    assertEquals(p, m.predict("hello\thello\nunknown words", -1, 0f));
    // threshold keeps p >= threshold; k = -1 is all labels
    assertEquals(1, m.predict("hello hello", -1, 0.5f).size());
    assertEquals(m.probability("hello hello", 1), p.get(1).probability());
    assertThrows(IllegalArgumentException.class, () -> m.predict("hello", 0, 0f));
  }

  @Test
  void malformedFilesFailNamingTheFile(@TempDir Path tmp) throws IOException {
    byte[] ok = tinyModel();
    Path magic = Files.write(tmp.resolve("magic.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    IOException e1 = assertThrows(IOException.class, () -> FastTextModel.load(magic));
    assertTrue(e1.getMessage().contains("magic.bin") && e1.getMessage().contains("not a fastText model"));
    for (int cut : new int[] {20, 70, 120, ok.length - 3}) {
      Path t = Files.write(tmp.resolve("cut" + cut + ".bin"), Arrays.copyOf(ok, cut));
      IOException e = assertThrows(IOException.class, () -> FastTextModel.load(t));
      assertTrue(e.getMessage().contains(t.toString()), e.getMessage());
    }
    byte[] unsup = ok.clone();
    unsup[8 + 7 * 4] = 1; // model = cbow
    Path u = Files.write(tmp.resolve("vectors.bin"), unsup);
    IOException e2 = assertThrows(IOException.class, () -> FastTextModel.load(u));
    assertTrue(e2.getMessage().contains("not a supervised classifier"), e2.getMessage());
  }

  @Test
  void fnvHashIsFastTextsSignedCharVariant() {
    // ASCII: plain 32-bit FNV-1a ("a" = 0xe40c292c)
    assertEquals(0xe40c292c, FastTextDictionary.hash(new byte[] {'a'}, 0, 1));
    // a byte >= 0x80 is XORed sign-extended (0xffffffc3), not as 0xc3
    int plain = (0x811c9dc5 ^ 0xc3) * 16777619;
    int signed = (0x811c9dc5 ^ 0xffffffc3) * 16777619;
    assertEquals(signed, FastTextDictionary.hash(new byte[] {(byte) 0xc3}, 0, 1));
    assertTrue(plain != signed);
  }

  @Test
  void sharedModelIsReadOncePerFileVersion(@TempDir Path tmp) throws Exception {
    Path f = Files.write(tmp.resolve("shared.bin"), tinyModel());
    FastTextModel a = FastTextModel.shared(f);
    Files.createDirectories(tmp.resolve("sub"));
    assertSame(a, FastTextModel.shared(tmp.resolve("sub/../shared.bin")));
    Files.write(f, tinyModel()); // replaced: same size, later modification time
    Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
    FastTextModel b = FastTextModel.shared(f);
    assertNotSame(a, b);
    assertSame(b, FastTextModel.shared(f));
  }

  @Test
  void reusedWorkArraysGiveTheSameAnswersOnAnyThread(@TempDir Path tmp) throws Exception {
    FastTextModel m = FastTextModel.load(Files.write(tmp.resolve("tiny.bin"), tinyModel()));
    List<String> lines = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      StringBuilder sb = new StringBuilder();
      int words = i == 100 ? 200_000 : r.nextInt(12); // one line longer than a thread keeps its arrays for
      for (int w = 0; w < words; w++) {
        sb.append(r.nextInt(3) == 0 ? "unknown " : "hello ");
      }
      lines.add(sb.toString());
    }
    List<List<FastTextPrediction>> fresh = new ArrayList<>();
    for (String l : lines) {
      fresh.add(FastTextModel.load(tmp.resolve("tiny.bin")).predict(l, -1, 0f));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<List<FastTextPrediction>>>> runs = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        runs.add(pool.submit(() -> {
          List<List<FastTextPrediction>> out = new ArrayList<>();
          for (String l : lines) {
            out.add(m.predict(l, -1, 0f));
          }
          return out;
        }));
      }
      for (Future<List<List<FastTextPrediction>>> run : runs) {
        assertEquals(fresh, run.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void addingRowsFourAtATimeIsBitIdenticalToRowByRow() {
    SplittableRandom r = new SplittableRandom(11);
    int rows = 50;
    int cols = 37;
    ByteBuffer b = ByteBuffer.allocate(16 + rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(rows).putLong(cols);
    for (int i = 0; i < rows * cols; i++) {
      b.putFloat((float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4))));
    }
    DenseMatrix m = readDense(Arrays.copyOf(b.array(), b.position()));
    for (int n = 0; n <= 23; n++) {
      int[] ids = r.ints(n, 0, rows).toArray();
      float[] one = new float[cols];
      for (int id : ids) {
        m.addRowTo(one, id);
      }
      float[] four = new float[cols];
      m.addRowsTo(four, Arrays.copyOf(ids, n + 5), n); // entries past n are ignored
      for (int j = 0; j < cols; j++) {
        assertEquals(Float.floatToRawIntBits(one[j]), Float.floatToRawIntBits(four[j]), "n=" + n + " j=" + j);
      }
    }
  }

  private static DenseMatrix readDense(byte[] bytes) {
    try {
      Path f = Files.createTempFile("dense", ".bin");
      try {
        Files.write(f, bytes);
        try (LittleEndianReader in = new LittleEndianReader(f)) {
          return DenseMatrix.read(in, "test");
        }
      } finally {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

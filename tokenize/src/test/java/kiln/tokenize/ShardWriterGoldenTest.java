package kiln.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import kiln.core.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-for-byte comparison with the Megatron/datatrove files in $KILN_SHARED/vectors/megatron. */
class ShardWriterGoldenTest {
  static final int[][] DOCS = {{10, 11, 12, 13, 2}, {20, 21, 2}, {30, 31, 32, 2}};

  @TempDir Path tmp;

  static Path vectors() {
    Optional<Path> root = SharedData.root().map(r -> r.resolve("vectors/megatron")).filter(Files::isDirectory);
    Assumptions.assumeTrue(root.isPresent(), "needs $KILN_SHARED/vectors/megatron (the shared folder)");
    return root.get();
  }

  @Test
  void megatronMatchesGolden() throws IOException {
    Path golden = vectors();
    try (MegatronShardWriter w = new MegatronShardWriter(tmp, "tiny_text_document", TokenDtype.megatron(4000))) {
      for (int[] d : DOCS) {
        w.add(d);
      }
      assertEquals(3, w.documents());
      assertEquals(12, w.tokens());
    }
    // .idx = 34 header + 12 bytes per sequence (length + pointer) + 8 per document index (S + 1): 34+36+32.
    assertEquals(102, Files.size(tmp.resolve("tiny_text_document.idx")));
    assertArrayEquals(Files.readAllBytes(golden.resolve("tiny_text_document.bin")),
        Files.readAllBytes(tmp.resolve("tiny_text_document.bin")));
    assertArrayEquals(Files.readAllBytes(golden.resolve("tiny_text_document.idx")),
        Files.readAllBytes(tmp.resolve("tiny_text_document.idx")));
  }

  @Test
  void datatroveMatchesGolden() throws IOException {
    Path golden = vectors();
    try (DatatroveShardWriter w = new DatatroveShardWriter(tmp, "tiny", "gpt2", TokenDtype.datatrove(50257))) {
      for (int[] d : DOCS) {
        w.add(d);
      }
    }
    for (String f : new String[] {"tiny.ds", "tiny.ds.index", "tiny.ds.metadata"}) {
      assertArrayEquals(Files.readAllBytes(golden.resolve(f)), Files.readAllBytes(tmp.resolve(f)), f);
    }
  }

  @Test
  void int32WhenVocabTooLargeForUint16() throws IOException {
    assertEquals(TokenDtype.UINT16, TokenDtype.megatron(65499));
    assertEquals(TokenDtype.INT32, TokenDtype.megatron(65500));
    assertEquals(TokenDtype.UINT16, TokenDtype.datatrove(65536));
    assertEquals(TokenDtype.INT32, TokenDtype.datatrove(65537));
    try (MegatronShardWriter w = new MegatronShardWriter(tmp, "big", TokenDtype.INT32)) {
      w.add(new int[] {100000, 7});
    }
    // 2 tokens x 4 bytes; idx 42 + 20*1 = 62; dtype code at offset 17 is 4 (int32).
    byte[] bin = Files.readAllBytes(tmp.resolve("big.bin"));
    assertArrayEquals(new byte[] {(byte) 0xA0, (byte) 0x86, 0x01, 0, 7, 0, 0, 0}, bin);
    byte[] idx = Files.readAllBytes(tmp.resolve("big.idx"));
    assertEquals(62, idx.length);
    assertEquals(4, idx[17]);
  }

  @Test
  void uint16RejectsLargeIds() throws IOException {
    try (MegatronShardWriter w = new MegatronShardWriter(tmp, "x", TokenDtype.UINT16)) {
      assertThrows(IllegalArgumentException.class, () -> w.add(new int[] {70000}));
    }
  }

  @Test
  void humanTokens() {
    assertEquals("12T", DatatroveShardWriter.humanTokens(12));
    assertEquals("999T", DatatroveShardWriter.humanTokens(999));
    assertEquals("1.23kT", DatatroveShardWriter.humanTokens(1234));
    assertEquals("5MT", DatatroveShardWriter.humanTokens(5_000_000));
  }
}

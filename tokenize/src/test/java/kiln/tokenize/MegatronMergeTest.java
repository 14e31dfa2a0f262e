package kiln.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MegatronMergeTest {
  @TempDir Path tmp;

  static void write(Path dir, String prefix, TokenDtype dtype, int[][] docs) throws IOException {
    try (MegatronShardWriter w = new MegatronShardWriter(dir, prefix, dtype)) {
      for (int[] d : docs) {
        w.add(d);
      }
    }
  }

  @Test
  void mergedEqualsWrittenAtOnce() throws IOException {
    int[][] a = {{10, 11, 12, 13, 2}, {20, 21, 2}};
    int[][] b = {};
    int[][] c = {{30, 31, 32, 2}, {2}, {40, 41, 42, 43, 44, 45, 2}};
    for (TokenDtype dtype : TokenDtype.values()) {
      write(tmp, "a", dtype, a);
      write(tmp, "b", dtype, b);
      write(tmp, "c", dtype, c);
      write(tmp, "all", dtype, new int[][] {a[0], a[1], c[0], c[1], c[2]});
      MegatronMerge.merge(List.of(tmp.resolve("a"), tmp.resolve("b"), tmp.resolve("c")), tmp.resolve("merged"));
      assertArrayEquals(Files.readAllBytes(tmp.resolve("all.bin")), Files.readAllBytes(tmp.resolve("merged.bin")));
      assertArrayEquals(Files.readAllBytes(tmp.resolve("all.idx")), Files.readAllBytes(tmp.resolve("merged.idx")));
    }
  }

  @Test
  void refusesMixedDtypes() throws IOException {
    write(tmp, "u", TokenDtype.UINT16, new int[][] {{1, 2}});
    write(tmp, "i", TokenDtype.INT32, new int[][] {{1, 2}});
    assertThrows(IllegalArgumentException.class,
        () -> MegatronMerge.merge(List.of(tmp.resolve("u"), tmp.resolve("i")), tmp.resolve("m")));
  }

  @Test
  void refusesTruncatedIndex() throws IOException {
    write(tmp, "t", TokenDtype.UINT16, new int[][] {{1, 2}, {3}});
    byte[] idx = Files.readAllBytes(tmp.resolve("t.idx"));
    Files.write(tmp.resolve("t.idx"), java.util.Arrays.copyOf(idx, idx.length - 3));
    assertThrows(IOException.class, () -> MegatronMerge.merge(List.of(tmp.resolve("t")), tmp.resolve("m")));
  }
}

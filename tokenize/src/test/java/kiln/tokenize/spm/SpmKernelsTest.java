package kiln.tokenize.spm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The byte-level pieces under {@link UnigramEncoder}; end-to-end parity is in SpmModelVariantsParityTest. */
class SpmKernelsTest {
  @Test
  void trieWalksByteByByteAndKeepsTheFirstValue() {
    ByteTrie t = new ByteTrie(4); // tiny on purpose: forces the table to grow
    for (int i = 0; i < 2000; i++) {
      t.put(("\u2581w" + i).getBytes(StandardCharsets.UTF_8), i);
    }
    t.put("\u2581w7".getBytes(StandardCharsets.UTF_8), 99_999);
    int node = ByteTrie.ROOT;
    for (byte b : "\u2581w7".getBytes(StandardCharsets.UTF_8)) {
      node = t.child(node, b);
    }
    assertEquals(7, t.value(node));
    assertEquals(-1, t.value(t.child(ByteTrie.ROOT, (byte) 0xe2))); // a prefix of keys, not a key
    assertEquals(-1, t.child(ByteTrie.ROOT, (byte) 'x'));
  }

  @Test
  void utf8LengthsAndMalformedSequences() {
    byte[] ok = "a\u00e9\u4e2d\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
    assertEquals(1, Utf8.validCharLen(ok, 0, ok.length));
    assertEquals(2, Utf8.validCharLen(ok, 1, ok.length));
    assertEquals(3, Utf8.validCharLen(ok, 3, ok.length));
    assertEquals(4, Utf8.validCharLen(ok, 6, ok.length));
    assertEquals(-1, Utf8.validCharLen(new byte[] {(byte) 0xc0, (byte) 0x80}, 0, 2)); // overlong NUL
    assertEquals(-1, Utf8.validCharLen(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0, 3)); // surrogate
    assertEquals(-1, Utf8.validCharLen(new byte[] {(byte) 0xe4, (byte) 0xb8}, 0, 2)); // truncated
    assertEquals(3, Utf8.validCharLen("\ufffd".getBytes(StandardCharsets.UTF_8), 0, 3)); // U+FFFD itself is valid
    // OneCharLen looks at the lead byte only: a stray continuation byte counts as one.
    assertEquals(1, Utf8.oneCharLen((byte) 0x80));
    assertEquals(4, Utf8.oneCharLen((byte) 0xf0));
  }

  @Test
  void utf8EncodingMatchesTheJdkAndReplacesLoneSurrogates() {
    String s = "x\u00e9\u4e2d\uD83D\uDE00 end";
    ByteBuf b = new ByteBuf(1);
    b.addUtf8(s, 0, s.length());
    assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.a, b.n));
    b.clear();
    b.addUtf8("a\uD83Db", 0, 3);
    assertArrayEquals("a\ufffdb".getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.a, b.n));
  }
}

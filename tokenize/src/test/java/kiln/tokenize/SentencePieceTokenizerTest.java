package kiln.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kiln.core.util.IntList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentencePieceTokenizerTest {
  static SentencePieceTokenizer tok;

  @BeforeAll
  static void open() {
    tok = (SentencePieceTokenizer) Tokenizers.open(Tokenizers.DEFAULT_SPEC);
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  @Test
  void demoModelShape() {
    // train-demo-model.sh: --vocab_size=4000, spm defaults unk=0 bos=1 eos=2.
    assertEquals(4000, tok.vocabSize());
    assertEquals(2, tok.eodId());
    assertEquals(1, tok.bosId());
    assertTrue(tok.id().matches("spm:kiln-demo:[0-9a-f]{12}"), tok.id());
    assertTrue(tok.splitsAtNewlines());
  }

  @Test
  void byteFallbackPiecesForUnseenCharacters() {
    // U+1D11E (musical G clef) is 4 UTF-8 bytes F0 9D 84 9E; the demo corpus lacks it, so byte fallback spells it.
    String[] pieces = tok.pieces(tok.encode("\uD834\uDD1E"));
    assertArrayEquals(new String[] {"\u2581", "<0xF0>", "<0x9D>", "<0x84>", "<0x9E>"}, pieces);
    assertEquals("\uD834\uDD1E", tok.decode(tok.encode("\uD834\uDD1E")));
  }

  @Test
  void decodeRoundTripsOutsideTheBmp() {
    String text = "x \uD83D\uDE42 ok, Caf\u00e9 na\u00efve \u4e2d\u6587 \u0928\u092e\u0938\u094d\u0924\u0947";
    assertEquals(text, tok.decode(tok.encode(text)));
  }

  @Test
  void decodeDropsControlIds() {
    int[] ids = tok.encode("hello world");
    int[] withEod = java.util.Arrays.copyOf(ids, ids.length + 1);
    withEod[ids.length] = tok.eodId();
    assertEquals("hello world", tok.decode(withEod));
  }

  @Test
  void emptyText() {
    assertEquals(0, tok.encode("").length);
  }

  @Test
  void encodesLineByLine() {
    String text = "Line one:  public static void main(String[] args) {\r\n\n\n   indented \u00e9t\u00e9\nlast";
    IntList expected = new IntList(64);
    for (String line : new String[] {"Line one:  public static void main(String[] args) {\r", "", "",
        "   indented \u00e9t\u00e9", "last"}) {
      expected.add(tok.encode(line));
    }
    assertArrayEquals(expected.toArray(), tok.encode(text));
    assertArrayEquals(tok.encode("a b"), tok.encode("a\nb"));
    assertArrayEquals(tok.encode("a"), tok.encode("a\n"));
  }

  @Test
  void badSpecsNameTheSpec() {
    for (String spec : new String[] {"", "spm:/nonexistent.model", "spm:builtin:nope", "bpe:x", "tiktoken:foo",
        "hf:/nonexistent/tokenizer.json"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.open(spec));
      assertTrue(spec.isEmpty() || e.getMessage().contains(spec), e.getMessage());
    }
  }
}

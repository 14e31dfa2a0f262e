package kiln.filters.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DatatroveTextTest {
  /**
   * datatrove v0.10.0 (commit a649de79), src/datatrove/utils/text.py, TERMINAL_PUNCTUATION: its 159 members as
   * literal characters, in code-point order.
   */
  static final String DATATROVE_TERMINAL =
      "!.?։؝؞؟۔܀܁܂߹࠷࠹࠽࠾।॥၊။።፧፨᙮᜵᜶។៕៖៙៚᠃᠉᥄᥅᪨᪩᪪᪫᭚" +
      "᭛᭞᭟᭽᭾᰻᰼᱾᱿‼‽⁇⁈⁉⸮⸼⹓⹔。꓿꘎꘏꛳꛷꡶꡷꣎꣏꤯꧈꧉꩝꩞꩟꫰꫱꯫﹒﹖﹗" +
      "！．？｡𐩖𐩗𐽕𐽖𐽗𐽘𐽙𐾆𐾇𐾈𐾉𑁇𑁈𑂾𑂿𑃀𑃁𑅁𑅂𑅃𑇅𑇆𑇍𑇞𑇟𑈸𑈹𑈻𑈼𑊩𑑋𑑌𑗂𑗃𑗉𑗊" +
      "𑗋𑗌𑗍𑗎𑗏𑗐𑗑𑗒𑗓𑗔𑗕𑗖𑗗𑙁𑙂𑜼𑜽𑜾𑥄𑥆𑩂𑩃𑪛𑪜𑱁𑱂𑻷𑻸𑽃𑽄𖩮𖩯𖫵𖬷𖬸𖭄𖺘𛲟𝪈";

  private static Set<Integer> codePoints(String s) {
    Set<Integer> out = new TreeSet<>();
    s.codePoints().forEach(out::add);
    return out;
  }

  @Test
  void terminalIsDatatrovesSetExactly() {
    assertEquals(159, DATATROVE_TERMINAL.codePointCount(0, DATATROVE_TERMINAL.length()));
    assertEquals(159, DatatroveText.TERMINAL.length);
    Set<Integer> ours = new TreeSet<>();
    for (String t : DatatroveText.TERMINAL) {
      assertEquals(1, t.codePointCount(0, t.length()), "every datatrove entry is one code point: " + t);
      ours.add(t.codePointAt(0));
    }
    assertEquals(159, ours.size(), "entries are distinct");
    assertEquals(codePoints(DATATROVE_TERMINAL), ours);
  }

  @Test
  void quotesAndCommasAreNotTerminal() {
    for (String s : List.of("\"", "\u201d", ",\uff0c", ",", "\uff0c", "'")) {
      assertFalse(DatatroveText.endsWithTerminal("He said " + s), s);
    }
    assertTrue(DatatroveText.endsWithTerminal("He said so."));
    assertTrue(DatatroveText.endsWithTerminal("\u4ed6\u8bf4\u3002"));
    assertTrue(DatatroveText.endsWithTerminal("Mark \ud805\udf3c"), "a supplementary-plane mark (Ahom)");
  }

  @Test
  void punctuationSetIsPunctuationPlusTerminal() {
    // PUNCTUATION_SET = set(PUNCTUATION) | TERMINAL_PUNCTUATION: 129 + 159 - 7 shared (! . ? \uff01 \uff0e
    // \uff1f \u3002) = 281 code points
    int n = 0;
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (DatatroveText.isPunctuation(cp)) {
        n++;
      }
    }
    assertEquals(129, codePoints(DatatroveText.PUNCTUATION).size());
    assertEquals(281, n);
    assertTrue(DatatroveText.isPunctuation('"'), "ASCII quote is in PUNCTUATION");
    assertTrue(DatatroveText.isPunctuation(0x201d), "right double quote is in PUNCTUATION");
    assertFalse(DatatroveText.isNonSymbolWord("\"\u201d!"));
  }
}

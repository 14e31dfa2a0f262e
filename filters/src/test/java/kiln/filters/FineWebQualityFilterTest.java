package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FineWebQualityFilterTest {
  private static final FineWebQualityFilter CANON = FineWebQualityFilter.defaults(Compat.NONE);
  private static final FineWebQualityFilter DT = FineWebQualityFilter.defaults(Compat.DATATROVE);

  @Test
  void linePunctuation() {
    // 1 of 10 lines ends with "." -> 0.1 < 0.12
    String t = "This line has an end mark here.\n" + "this line has no end mark at all\n".repeat(9);
    FilterResult r = CANON.apply(TestDocs.web(t));
    assertEquals("line_punct_thr", r.rule());
    assertEquals(0.1, r.signals().get("line_punct_ratio"), 1e-12);
  }

  @Test
  void crlfNeverEndsInPunctuationUnderDatatrove() {
    // lines (split on \n) end in "\r": 0 of 2 end with a terminal mark -> 0 < 0.12 -> rejected
    // canonical: CRLF -> LF; 2/2 end with "."; 0 short lines (35, 36 chars); 0 dups; ICU words 8 + 8 = 16,
    // newlines 2 -> 2/16 = 0.125 <= 0.3 -> kept
    String t = "This is the first line of the text.\r\nThis is the second line of the text.\r\n";
    FilterResult dt = DT.apply(TestDocs.web(t));
    assertEquals("line_punct_thr", dt.rule());
    assertEquals(0.0, dt.signals().get("line_punct_ratio"));
    FilterResult c = CANON.apply(TestDocs.web(t));
    assertTrue(c.kept(), String.valueOf(c.rule()));
    assertEquals(0.125, c.signals().get("list_ratio"), 1e-12);
  }

  @Test
  void shortLines() {
    // 3 of 4 lines have <= 30 chars -> 0.75 > 0.67
    String t = "Short one.\nShort two.\nShort three.\nThis line is definitely longer than thirty characters.";
    FilterResult r = CANON.apply(TestDocs.web(t));
    assertEquals("short_line_thr", r.rule());
    assertEquals(0.75, r.signals().get("short_line_ratio"), 1e-12);
  }

  @Test
  void duplicateLineChars() {
    // line A (40 chars) twice + line B (40 chars): 40 dup chars / (40*3 = 120 chars without LF) = 0.333 > 0.01
    String a = "This is line A, and it has forty chars..".substring(0, 39) + ".";
    String b = "This is line B, and it has forty chars!!".substring(0, 39) + ".";
    assertEquals(40, a.length());
    FilterResult r = CANON.apply(TestDocs.web(a + "\n" + b + "\n" + a));
    assertEquals("char_duplicates_ratio", r.rule());
    assertEquals(40.0 / 120, r.signals().get("char_dup_ratio"), 1e-12);
  }

  @Test
  void listRatio() {
    // 4 lines of 2 words each, each 31+ chars: datatrove tokens per line: word word . = 3 -> 12 tokens,
    // 3 newlines / 12 = 0.25 <= 0.3 kept; canonical words 2 per line = 8 -> 3/8 = 0.375 > 0.3 rejected
    String line = "Supercalifragilistic expialidocious.";
    String t = String.join("\n", line, line + " ", line + "  ", line + "   ");
    FilterResult dt = DT.apply(TestDocs.web(t));
    assertTrue(dt.kept(), String.valueOf(dt.rule()));
    assertEquals(0.25, dt.signals().get("list_ratio"), 1e-12);
    FilterResult c = CANON.apply(TestDocs.web(t));
    assertEquals("new_line_ratio", c.rule());
    assertEquals(0.375, c.signals().get("list_ratio"), 1e-12);
  }

  @Test
  void linesEndingInAQuoteAreNotTerminalUnderDatatrove() {
    // datatrove 0.10's TERMINAL_PUNCTUATION has no ASCII quote: 0 of 8 lines end in a mark -> 0 < 0.12, rejected.
    // Canonical counts a closing quote as terminal: 8/8; no line <= 30 chars; no duplicate line; ICU words
    // 8 lines x 9 words = 72, 7 LF / 72 < 0.3 -> kept.
    StringBuilder t = new StringBuilder();
    String[] things = {"Closed", "Open", "Back soon", "No entry", "Sale", "Welcome", "Private", "Exit"};
    for (int i = 0; i < things.length; i++) {
      t.append(i == 0 ? "" : "\n").append("The sign on door number ").append(i + 1).append(" of the shop said \"")
          .append(things[i]).append('"');
    }
    FilterResult dt = DT.apply(TestDocs.web(t.toString()));
    assertEquals("line_punct_thr", dt.rule());
    assertEquals(0.0, dt.signals().get("line_punct_ratio"));
    FilterResult c = CANON.apply(TestDocs.web(t.toString()));
    assertTrue(c.kept(), String.valueOf(c.rule()));
    assertEquals(1.0, c.signals().get("line_punct_ratio"));
    // with a full stop after each closing quote, every line ends in a datatrove mark
    FilterResult dtStop = DT.apply(TestDocs.web(t.toString().replace("\"\n", "\".\n") + "."));
    assertEquals(1.0, dtStop.signals().get("line_punct_ratio"));
  }

  @Test
  void aLineEndingInCommaAndFullwidthCommaIsTerminalOnlyInCanonicalMode() {
    // the canonical set keeps its old two-character entry ",\uff0c" (see CANONICAL_TERMINAL); datatrove has none
    String line = "Eine Zeile, die mit zwei Kommas endet und lang genug ist,\uff0c";
    String t = String.join("\n", line, line.replace("Eine", "Die zweite"), line.replace("Eine", "Die dritte"));
    assertEquals(0.0, DT.apply(TestDocs.web(t)).signals().get("line_punct_ratio"));
    assertEquals(1.0, CANON.apply(TestDocs.web(t)).signals().get("line_punct_ratio"));
  }
}

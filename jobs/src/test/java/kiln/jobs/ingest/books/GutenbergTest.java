package kiln.jobs.ingest.books;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.jobs.ingest.IngestRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class GutenbergTest {
  static final String[] LICENCE_MARKS = {"project gutenberg", "gutenberg-tm", "gutenberg.org", "gutenberg.net",
      "*** start", "*** end", "***start", "***end", "end of the project", "end of project", "full license",
      "character set encoding", "release date:", "this ebook is for the use of anyone"};

  @Test
  void allSharedBooksLoseHeaderAndLicence() throws IOException {
    Path dir = SharedData.data("books/gutenberg").orElse(null);
    Assumptions.assumeTrue(dir != null, "needs $KILN_SHARED/data/books/gutenberg");
    List<Path> books;
    try (Stream<Path> s = Files.list(dir)) {
      books = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertEquals(22, books.size());
    for (Path b : books) {
      IngestRecord r = GutenbergReader.read(b, b.getFileName().toString(), "books", 64L << 20);
      assertTrue(r.isKept(), b + ": " + r.reason());
      String text = r.doc().text();
      String lower = text.toLowerCase(Locale.ROOT);
      for (String mark : LICENCE_MARKS) {
        assertFalse(lower.contains(mark), b.getFileName() + " still holds '" + mark + "'");
      }
      assertFalse(text.contains("\r"), b.getFileName() + " has CR");
      assertFalse(text.startsWith("\uFEFF"), b.getFileName() + " starts with a BOM");
      assertEquals("true", r.doc().meta().get("gutenberg_markers"));
      assertTrue(r.doc().meta().containsKey("title"), b.getFileName() + " has no title");
      assertTrue(r.doc().meta().containsKey("author"), b.getFileName() + " has no author");
      assertTrue(text.length() > 50_000, b.getFileName() + " is short: " + text.length());
      String raw = new String(Files.readAllBytes(b), StandardCharsets.ISO_8859_1);
      if (raw.contains("Character set encoding: ISO-8859-1")) {
        assertFalse(text.contains("\uFFFD"), b.getFileName() + " has U+FFFD");
      }
    }
  }

  @Test
  void latin1BooksDecodeAccents() throws IOException {
    Path quijote = SharedData.data("books/gutenberg/pg2000.txt").orElse(null);
    Assumptions.assumeTrue(quijote != null, "needs $KILN_SHARED/data/books/gutenberg/pg2000.txt");
    IngestRecord r = GutenbergReader.read(quijote, "pg2000.txt", "books", 64L << 20);
    assertEquals("es", r.doc().lang());
    assertEquals("Don Quijote", r.doc().meta().get("title"));
    assertEquals("Miguel de Cervantes Saavedra", r.doc().meta().get("author"));
    assertTrue(r.doc().text().contains("hidalgo"), "text lost");
    assertTrue(r.doc().text().contains("Mancha"), "text lost");
    assertTrue(r.doc().text().contains("\u00f1") || r.doc().text().contains("\u00e1"), "no Spanish accents");
  }

  @Test
  void markerVariantsAndCrlf() {
    String raw = "Title: A Book\r\nAuthor: Someone\r\nLanguage: French\r\n\r\n"
        + "***START OF THE PROJECT GUTENBERG EBOOK A BOOK***\r\n\r\nProduced by volunteers\r\n\r\n"
        + "Chapter 1\r\nIt begins.\r\n\r\nEnd of the Project Gutenberg EBook of A Book\r\n\r\n"
        + "*** END OF THIS PROJECT GUTENBERG EBOOK A BOOK ***\r\nlicence text\r\n";
    GutenbergText.Parsed p = GutenbergText.parse(raw);
    assertEquals("Chapter 1\nIt begins.", p.text());
    assertEquals("fr", p.meta().get("language"));
    assertEquals("A Book", p.meta().get("title"));
  }

  @Test
  void noMarkersMeansNoBookText() {
    assertNull(GutenbergText.parse("Just some text\nwithout markers\n").text());
  }

  @Test
  void declaredLatin1IsDecodedAsWindows1252() {
    byte[] b = "Character set encoding: ISO-8859-1\n\u00c9l ni\u00f1o \u2014".getBytes(
        java.nio.charset.Charset.forName("windows-1252"));
    assertEquals("Character set encoding: ISO-8859-1\n\u00c9l ni\u00f1o \u2014", GutenbergText.decode(b, b.length));
  }
}

package kiln.jobs.ingest.books;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpubReaderTest {
  static void put(ZipOutputStream z, String name, String text) throws IOException {
    z.putNextEntry(new ZipEntry(name));
    z.write(text.getBytes(StandardCharsets.UTF_8));
    z.closeEntry();
  }

  @Test
  void spineOrderAndMetadata(@TempDir Path dir) throws IOException {
    Path epub = dir.resolve("book.epub");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(epub))) {
      put(z, "mimetype", "application/epub+zip");
      put(z, "META-INF/container.xml", "<?xml version='1.0'?><container><rootfiles>"
          + "<rootfile full-path='OEBPS/content.opf' media-type='application/oebps-package+xml'/></rootfiles></container>");
      put(z, "OEBPS/content.opf", "<?xml version='1.0'?><package xmlns:dc='http://purl.org/dc/elements/1.1/'>"
          + "<metadata><dc:title>A Tale</dc:title><dc:creator>An Author</dc:creator><dc:language>fr-FR</dc:language>"
          + "</metadata><manifest><item id='c1' href='one.xhtml'/><item id='c2' href='two.xhtml'/></manifest>"
          + "<spine><itemref idref='c2'/><itemref idref='c1'/></spine></package>");
      put(z, "OEBPS/one.xhtml", "<html><body><h1>One</h1><p>First written, read second.</p></body></html>");
      put(z, "OEBPS/two.xhtml", "<html><body><h1>Two</h1><p>Read first.</p></body></html>");
    }
    IngestRecord r = EpubReader.read(epub, "book.epub", "books", 1 << 20);
    assertEquals("Two\n\nRead first.\n\nOne\n\nFirst written, read second.", r.doc().text());
    assertEquals("A Tale", r.doc().meta().get("title"));
    assertEquals("An Author", r.doc().meta().get("author"));
    assertEquals("fr", r.doc().lang());
  }

  @Test
  void notAnEpubIsUnreadable(@TempDir Path dir) throws IOException {
    Path bad = Files.write(dir.resolve("bad.epub"), "not a zip".getBytes(StandardCharsets.UTF_8));
    assertEquals(IngestReasons.UNREADABLE, EpubReader.read(bad, "bad.epub", "books", 1 << 20).reason());
  }
}

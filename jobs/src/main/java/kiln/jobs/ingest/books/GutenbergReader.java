package kiln.jobs.ingest.books;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.jobs.ingest.FileBytes;
import kiln.jobs.ingest.InputFile;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.LimitedInput;
import kiln.jobs.ingest.TextBytes;

/**
 * One Project Gutenberg .txt file to one book document ({@link GutenbergText}); meta gets title, author,
 * language (ISO 639-1 when known) from the header and {@code lang} is set from it. Files without markers are
 * treated as plain-text books (kept whole, meta {@code gutenberg_markers=false}).
 */
public final class GutenbergReader {
  private GutenbergReader() {}

  public static IngestRecord read(Path file, String name, String source, long maxBytes) {
    return read(InputFile.local(file), name, source, maxBytes);
  }

  public static IngestRecord read(InputFile file, String name, String source, long maxBytes) {
    LimitedInput.Bytes b;
    try {
      b = FileBytes.read(file, maxBytes);
    } catch (IOException | RuntimeException e) {
      return reject(name, source, IngestReasons.UNREADABLE, e.toString());
    }
    if (b.overLimit()) {
      return reject(name, source, IngestReasons.TOO_LARGE, "");
    }
    if (TextBytes.looksBinary(b.data(), b.length())) {
      return reject(name, source, IngestReasons.BINARY, "");
    }
    String raw = GutenbergText.decode(b.data(), b.length());
    GutenbergText.Parsed p = GutenbergText.parse(raw);
    Map<String, String> meta = new TreeMap<>(p.meta());
    String text = p.text();
    meta.put("gutenberg_markers", Boolean.toString(text != null));
    if (text == null) {
      text = TextBytes.unixLines(raw).strip();
    }
    if (text.isEmpty()) {
      return reject(name, source, IngestReasons.EMPTY, "");
    }
    meta.put("file", name);
    meta.put("offset", "0");
    String lang = meta.get("language");
    return IngestRecord.kept(new Document(Document.idFor(source, name + "@0"), source, Document.Kind.BOOK, null,
        text, lang != null && lang.length() == 2 ? lang : null, meta));
  }

  private static IngestRecord reject(String name, String source, String reason, String excerpt) {
    return IngestRecord.rejected(source, Document.Kind.BOOK, name, "0", null, reason, excerpt, null);
  }
}

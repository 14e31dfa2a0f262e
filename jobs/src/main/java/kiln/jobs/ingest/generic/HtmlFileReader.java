package kiln.jobs.ingest.generic;

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
import kiln.jobs.ingest.web.HtmlPageConverter;
import kiln.jobs.ingest.web.WebOptions;

/**
 * One .html/.htm/.xhtml (optionally .gz) file to one web document, url = the file's path relative to the input
 * root. Other files in an html folder are rejected {@code ingest:non_html}.
 */
public final class HtmlFileReader {
  private HtmlFileReader() {}

  public static boolean isHtmlName(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    return n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml");
  }

  public static IngestRecord read(Path file, String name, String source, WebOptions options) {
    return read(InputFile.local(file), name, source, options);
  }

  public static IngestRecord read(InputFile file, String name, String source, WebOptions options) {
    if (!isHtmlName(name)) {
      return IngestRecord.rejected(source, Document.Kind.WEB, name, "0", name, IngestReasons.NON_HTML, "", null);
    }
    LimitedInput.Bytes b;
    try {
      b = FileBytes.read(file, options.maxRecordBytes());
    } catch (IOException | RuntimeException e) {
      return IngestRecord.rejected(source, Document.Kind.WEB, name, "0", name, IngestReasons.UNREADABLE,
          e.toString(), null);
    }
    if (b.overLimit()) {
      return IngestRecord.rejected(source, Document.Kind.WEB, name, "0", name, IngestReasons.TOO_LARGE, "", null);
    }
    HtmlPageConverter.Converted c = new HtmlPageConverter(options).convert(b.data(), b.length(), "text/html", name);
    Map<String, String> meta = new TreeMap<>(c.meta());
    meta.put("url", name);
    if (c.reason() != null) {
      return IngestRecord.rejected(source, Document.Kind.WEB, name, "0", name, c.reason(), "", meta);
    }
    meta.put("file", name);
    meta.put("offset", "0");
    return IngestRecord.kept(new Document(Document.idFor(source, name + "@0"), source, Document.Kind.WEB, name,
        c.text(), null, meta));
  }
}

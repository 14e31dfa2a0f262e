package kiln.jobs.ingest.books;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import kiln.core.Document;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.LimitedInput;
import kiln.jobs.ingest.web.BlockText;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * One EPUB to one book document: META-INF/container.xml names the OPF package file; its spine gives the reading
 * order of the XHTML items, whose text (paragraphs kept, {@link BlockText}) is joined with blank lines. Title,
 * author ({@code dc:creator}) and language come from the OPF metadata. Decompressed bytes are bounded by
 * {@code maxBytes} ({@code ingest:too_large}); a broken zip or missing OPF is {@code ingest:unreadable}.
 */
public final class EpubReader {
  private EpubReader() {}

  public static IngestRecord read(Path file, String name, String source, long maxBytes) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String container = entry(zip, "META-INF/container.xml", maxBytes);
      if (container == null) {
        return reject(name, source, IngestReasons.UNREADABLE, "no META-INF/container.xml");
      }
      Element rootfile = Jsoup.parse(container, "", Parser.xmlParser()).selectFirst("rootfile");
      String opfPath = rootfile == null ? null : rootfile.attr("full-path");
      String opf = opfPath == null ? null : entry(zip, opfPath, maxBytes);
      if (opf == null) {
        return reject(name, source, IngestReasons.UNREADABLE, "no OPF package document");
      }
      String base = opfPath.contains("/") ? opfPath.substring(0, opfPath.lastIndexOf('/') + 1) : "";
      org.jsoup.nodes.Document pkg = Jsoup.parse(opf, "", Parser.xmlParser());
      Map<String, String> hrefs = new HashMap<>();
      for (Element item : pkg.select("manifest > item")) {
        hrefs.put(item.attr("id"), item.attr("href"));
      }
      List<String> order = new ArrayList<>();
      for (Element ref : pkg.select("spine > itemref")) {
        String href = hrefs.get(ref.attr("idref"));
        if (href != null) {
          order.add(base + java.net.URLDecoder.decode(href, StandardCharsets.UTF_8));
        }
      }
      StringBuilder text = new StringBuilder();
      long budget = maxBytes;
      for (String part : order) {
        String xhtml = entry(zip, part, budget);
        if (xhtml == null) {
          continue;
        }
        budget -= xhtml.length();
        if (budget <= 0) {
          return reject(name, source, IngestReasons.TOO_LARGE, "");
        }
        org.jsoup.nodes.Document d = Jsoup.parse(xhtml);
        String t = BlockText.of(d.body() == null ? d : d.body());
        if (!t.isEmpty()) {
          if (text.length() > 0) {
            text.append("\n\n");
          }
          text.append(t);
        }
      }
      if (text.length() == 0) {
        return reject(name, source, IngestReasons.EMPTY, "");
      }
      Map<String, String> meta = new TreeMap<>();
      putText(meta, "title", pkg, "metadata > dc|title");
      putText(meta, "author", pkg, "metadata > dc|creator");
      putText(meta, "language", pkg, "metadata > dc|language");
      meta.put("file", name);
      meta.put("offset", "0");
      String lang = meta.get("language");
      if (lang != null) {
        lang = lang.split("-")[0].toLowerCase(java.util.Locale.ROOT);
      }
      return IngestRecord.kept(new Document(Document.idFor(source, name + "@0"), source, Document.Kind.BOOK, null,
          text.toString(), lang, meta));
    } catch (IOException | RuntimeException e) {
      return reject(name, source, IngestReasons.UNREADABLE, e.toString());
    }
  }

  private static void putText(Map<String, String> meta, String key, org.jsoup.nodes.Document pkg, String css) {
    Element e = pkg.selectFirst(css);
    if (e != null && !e.text().isBlank()) {
      meta.put(key, e.text().strip());
    }
  }

  private static String entry(ZipFile zip, String path, long maxBytes) throws IOException {
    ZipEntry e = zip.getEntry(path);
    if (e == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(e)) {
      LimitedInput.Bytes b = LimitedInput.read(in, maxBytes);
      if (b.overLimit()) {
        throw new IOException("entry " + path + " exceeds " + maxBytes + " bytes");
      }
      return new String(b.data(), 0, b.length(), StandardCharsets.UTF_8);
    }
  }

  private static IngestRecord reject(String name, String source, String reason, String excerpt) {
    return IngestRecord.rejected(source, Document.Kind.BOOK, name, "0", null, reason, excerpt, null);
  }
}

package kiln.jobs.ingest.web;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.TextBytes;

/**
 * One payload to text: decides HTML vs plain text vs other from the content type (or, when absent, the first
 * bytes), decodes the charset ({@link HtmlCharset}) and extracts the main text ({@link MainTextExtractor}).
 */
public final class HtmlPageConverter {
  private final WebOptions options;
  private final MainTextExtractor extractor;

  public HtmlPageConverter(WebOptions options) {
    this.options = options;
    this.extractor = new MainTextExtractor(options.timeoutMillis());
  }

  /** Text and extra meta (title, charset) on success; otherwise a reason and nothing else. */
  public record Converted(String text, Map<String, String> meta, String reason) {}

  public Converted convert(byte[] body, int len, String contentType, String url) {
    String kind = kindOf(contentType, body, len);
    if (kind == null) {
      return new Converted("", Map.of(), IngestReasons.NON_HTML);
    }
    if (len == 0) {
      return new Converted("", Map.of(), IngestReasons.EMPTY);
    }
    if (kind.equals("text") && TextBytes.looksBinary(body, len)) {
      return new Converted("", Map.of(), IngestReasons.BINARY);
    }
    HtmlCharset.Decoded d = HtmlCharset.decode(body, len, contentType);
    Map<String, String> meta = new TreeMap<>();
    meta.put("charset", d.charset().name());
    String text;
    if (kind.equals("text")) {
      text = TextBytes.unixLines(d.text()).strip();
    } else {
      try {
        if (options.extract()) {
          MainTextExtractor.Result r = extractor.extract(d.text(), url);
          text = r.text();
          meta.put("title", r.title());
        } else {
          org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(d.text(), url == null ? "" : url);
          text = BlockText.of(doc.body() == null ? doc : doc.body());
          meta.put("title", MainTextExtractor.title(doc));
        }
      } catch (MainTextExtractor.ExtractionTimeout e) {
        return new Converted("", meta, IngestReasons.TIMEOUT);
      } catch (StackOverflowError e) {
        // Pathologically deep markup: counted as a timeout-class failure rather than killing the task.
        return new Converted("", meta, IngestReasons.TIMEOUT);
      }
    }
    if (text.isBlank()) {
      return new Converted("", meta, IngestReasons.NO_TEXT);
    }
    return new Converted(text, meta, null);
  }

  /** "html", "text", or null for anything else. */
  static String kindOf(String contentType, byte[] body, int len) {
    if (contentType != null && !contentType.isBlank()) {
      String ct = contentType.toLowerCase(Locale.ROOT).strip();
      int semi = ct.indexOf(';');
      if (semi >= 0) {
        ct = ct.substring(0, semi).strip();
      }
      if (ct.equals("text/html") || ct.equals("application/xhtml+xml") || ct.equals("application/xhtml")) {
        return "html";
      }
      if (ct.equals("text/plain")) {
        return "text";
      }
      if (!ct.isEmpty() && !ct.equals("unknown/unknown") && !ct.equals("application/octet-stream")
          && !ct.equals("text/x-unknown") && !ct.equals("no-type")) {
        return null;
      }
    }
    String head = new String(body, 0, Math.min(len, 512), java.nio.charset.StandardCharsets.ISO_8859_1)
        .stripLeading().toLowerCase(Locale.ROOT);
    if (head.startsWith("\ufeff")) {
      head = head.substring(1);
    }
    if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body")
        || head.contains("<head")) {
      return "html";
    }
    return null;
  }
}

package kiln.jobs.ingest.books;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kiln.jobs.ingest.TextBytes;

/**
 * Splits a Project Gutenberg plain-text file into its metadata header, the book, and the licence footer.
 *
 * <p>Decoding: a UTF-8 BOM means UTF-8; otherwise the header's {@code Character set encoding:} line names the
 * charset (ISO-8859-1 is read as windows-1252, its superset); when absent or wrong (bytes invalid in the declared
 * UTF-8), strict UTF-8 is tried, then windows-1252. Line ends become \n.
 *
 * <p>The book lies between the line holding {@code *** START OF (THE|THIS) PROJECT GUTENBERG EBOOK ...} and the
 * line holding {@code *** END OF ...}; both are matched case-insensitively with any number of asterisks and spaces,
 * and older variants ({@code *END*THE SMALL PRINT}, {@code End of (the) Project Gutenberg('s) ...}) are accepted.
 * Lines just before the END marker that begin {@code End of (the) Project Gutenberg}, a leading
 * {@code Produced by ...} credit paragraph, and paragraphs of at most {@link #NOTE_MAX_CHARS} chars among the first
 * or last {@code max(}{@link #NOTE_EDGE_PARAGRAPHS}{@code , 10%)} that mention Project Gutenberg or "etext" (editor's notes) are dropped too.
 */
public final class GutenbergText {
  private GutenbergText() {}

  private static final Pattern START = Pattern.compile(
      "^\\s*\\*{3}\\s*START\\s+OF\\s+(THE|THIS)\\s+PROJECT\\s+GUTENBERG.*$|^\\s*\\*END\\*\\s*THE SMALL PRINT.*$",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern END = Pattern.compile(
      "^\\s*\\*{3}\\s*END\\s+OF\\s+(THE|THIS)\\s+PROJECT\\s+GUTENBERG.*$"
          + "|^\\s*End\\s+of\\s+(the\\s+)?Project\\s+Gutenberg.*$",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern CHARSET = Pattern.compile("^\\s*Character set encoding:\\s*(.+?)\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern FIELD = Pattern.compile("^(Title|Author|Language|Release Date|Translator):\\s*(.+?)\\s*$",
      Pattern.MULTILINE);
  private static final Pattern CREDIT = Pattern.compile(
      "^(Produced by|This (e-?text|e-?book) was produced by|E-?text prepared by|Transcribed from|Prepared by)",
      Pattern.CASE_INSENSITIVE);
  private static final Map<String, String> LANGS = Map.ofEntries(Map.entry("english", "en"),
      Map.entry("spanish", "es"), Map.entry("french", "fr"), Map.entry("dutch", "nl"), Map.entry("german", "de"),
      Map.entry("italian", "it"), Map.entry("portuguese", "pt"), Map.entry("finnish", "fi"),
      Map.entry("latin", "la"), Map.entry("swedish", "sv"), Map.entry("danish", "da"), Map.entry("russian", "ru"),
      Map.entry("chinese", "zh"), Map.entry("greek", "el"), Map.entry("polish", "pl"), Map.entry("hungarian", "hu"));

  /** The book text (null when no START/END markers were found) and header fields. */
  public record Parsed(String text, Map<String, String> meta) {}

  public static String decode(byte[] b, int len) {
    if (TextBytes.utf8BomLength(b, len) == 3) {
      return new String(b, 3, len - 3, StandardCharsets.UTF_8);
    }
    String head = new String(b, 0, Math.min(len, 16384), StandardCharsets.ISO_8859_1);
    Matcher m = CHARSET.matcher(head);
    Charset declared = null;
    if (m.find()) {
      String label = m.group(1).toLowerCase(Locale.ROOT);
      if (label.contains("8859-1") || label.contains("latin-1") || label.contains("latin1")
          || label.contains("1252")) {
        declared = Charset.forName("windows-1252");
      } else if (label.contains("utf-8") || label.contains("utf8")) {
        declared = StandardCharsets.UTF_8;
      } else if (label.contains("ascii") || label.contains("646")) {
        declared = null; // ASCII files often hold stray Latin-1 or UTF-8: let the detector decide.
      }
    }
    String utf8 = TextBytes.strict(b, 0, len, StandardCharsets.UTF_8);
    if (declared == null || declared.equals(StandardCharsets.UTF_8)) {
      return utf8 != null ? utf8 : new String(b, 0, len, Charset.forName("windows-1252"));
    }
    return new String(b, 0, len, declared);
  }

  public static Parsed parse(String raw) {
    String s = TextBytes.unixLines(raw);
    Matcher st = START.matcher(s);
    Map<String, String> meta = new TreeMap<>();
    String header = s;
    int bodyStart = -1;
    if (st.find()) {
      header = s.substring(0, st.start());
      bodyStart = st.end();
    }
    Matcher f = FIELD.matcher(header.length() > 20000 ? header.substring(0, 20000) : header);
    while (f.find()) {
      String key = f.group(1).toLowerCase(Locale.ROOT).replace(' ', '_');
      meta.putIfAbsent(key, f.group(2));
    }
    String lang = meta.get("language");
    if (lang != null) {
      meta.put("language_name", lang);
      meta.put("language", LANGS.getOrDefault(lang.toLowerCase(Locale.ROOT).split("[ ,;]")[0], lang));
    }
    if (bodyStart < 0) {
      return new Parsed(null, meta);
    }
    Matcher en = END.matcher(s);
    int bodyEnd = -1;
    if (en.find(bodyStart)) {
      bodyEnd = en.start();
    }
    if (bodyEnd < 0) {
      return new Parsed(null, meta);
    }
    String body = s.substring(bodyStart, bodyEnd);
    // An "End of the Project Gutenberg EBook" line may come before the *** END marker: cut it as well.
    Matcher endLine = Pattern.compile("^\\s*End\\s+of\\s+(the\\s+)?Project\\s+Gutenberg.*$",
        Pattern.CASE_INSENSITIVE | Pattern.MULTILINE).matcher(body);
    if (endLine.find()) {
      body = body.substring(0, endLine.start());
    }
    body = dropCredit(body.strip());
    body = dropGutenbergNotes(body);
    return new Parsed(body.strip(), meta);
  }

  /** Paragraphs near either end that talk about Project Gutenberg itself (editor's notes, e-text credits). */
  private static final Pattern PG_NOTE = Pattern.compile("project\\s+gutenberg|gutenberg\\.(org|net)|\\betext\\b",
      Pattern.CASE_INSENSITIVE);
  public static final int NOTE_MAX_CHARS = 600;
  public static final int NOTE_EDGE_PARAGRAPHS = 20;

  /** A bracketed note by Project Gutenberg's editors, anywhere in the book ({@code [Note Project Gutenberg: ...]}). */
  private static final Pattern BRACKETED_NOTE = Pattern.compile(
      "^[ \\t]*\\[[^\\]]{0,300}Project\\s+Gutenberg[^\\]]{0,300}\\][ \\t]*$", Pattern.MULTILINE);

  private static String dropGutenbergNotes(String text) {
    String body = BRACKETED_NOTE.matcher(text).replaceAll("");
    String[] paras = body.split("\n\\s*\n");
    StringBuilder out = new StringBuilder(body.length());
    boolean dropped = false;
    int margin = Math.max(NOTE_EDGE_PARAGRAPHS, paras.length / 10);
    for (int i = 0; i < paras.length; i++) {
      boolean edge = i < margin || i >= paras.length - margin;
      if (edge && paras[i].length() <= NOTE_MAX_CHARS && PG_NOTE.matcher(paras[i]).find()) {
        dropped = true;
        continue;
      }
      if (out.length() > 0) {
        out.append("\n\n");
      }
      out.append(paras[i]);
    }
    return dropped ? out.toString() : body.strip();
  }

  private static String dropCredit(String body) {
    if (!CREDIT.matcher(body).find()) {
      return body;
    }
    int para = body.indexOf("\n\n");
    return para < 0 || para > 1000 ? body : body.substring(para + 2);
  }
}

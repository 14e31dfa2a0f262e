package kiln.jobs.ingest;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import kiln.core.Document;

/**
 * What a reader yields for one input item: a document, and a reason that is null when the document is kept.
 * A rejected record still carries a {@link Document} (id, source, kind, url when known) whose meta holds
 * {@code file} and {@code offset}, and whose text is empty or a short printable excerpt.
 */
public record IngestRecord(Document doc, String reason) {

  /** Longest excerpt kept in the text of a rejected record, in chars. */
  public static final int EXCERPT_CHARS = 200;

  public IngestRecord {
    Objects.requireNonNull(doc, "doc");
  }

  public static IngestRecord kept(Document doc) {
    return new IngestRecord(doc, null);
  }

  public boolean isKept() {
    return reason == null;
  }

  /**
   * A rejection located at {@code file@offset} (offset: byte position, or an entry path inside an archive).
   * {@code extraMeta} may be null.
   */
  public static IngestRecord rejected(String source, Document.Kind kind, String file, String offset, String url,
                                      String reason, String excerpt, Map<String, String> extraMeta) {
    Map<String, String> meta = new TreeMap<>();
    if (extraMeta != null) {
      meta.putAll(extraMeta);
    }
    meta.put("file", file);
    meta.put("offset", offset);
    String id = Document.idFor(source, file + "@" + offset);
    return new IngestRecord(new Document(id, source, kind, url, excerpt(excerpt), null, meta), reason);
  }

  /** A short printable prefix: control characters (other than newline and tab) become spaces. */
  public static String excerpt(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), EXCERPT_CHARS));
    for (int i = 0; i < s.length() && b.length() < EXCERPT_CHARS; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
            && b.length() + 2 <= EXCERPT_CHARS) {
          b.append(c).append(s.charAt(++i));
        } else {
          b.append(' ');
        }
      } else if (c == '\n' || c == '\t' || (!Character.isISOControl(c) && c != '\uFFFD')) {
        b.append(c);
      } else {
        b.append(' ');
      }
    }
    return b.toString();
  }
}

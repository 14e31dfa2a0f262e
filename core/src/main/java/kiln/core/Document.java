package kiln.core;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * One unit of text flowing through the pipeline: a web page, a source file, a book.
 *
 * <p>The Parquet schema is {@link Columns#DOCUMENT_DDL}; {@code docs/schema.md} documents each column.
 * Ids are never random: readers derive them with {@link #idFor} from the source name and the document's
 * position in its input (file + offset or entry path), so re-reading the same input gives the same ids.
 */
public record Document(String id, String source, Kind kind, String url, String text, String lang,
                       Map<String, String> meta) {

  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    // A sorted, unmodifiable copy: map iteration order must not leak into output bytes.
    meta = meta == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(meta));
  }

  /** Corpus kinds; the lower-case name is what is stored. */
  public enum Kind {
    WEB, CODE, BOOK, TEXT;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind of(String value) {
      for (Kind k : values()) {
        if (k.value().equals(value)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown kind '" + value + "' (expected web|code|book|text)");
    }
  }

  /**
   * A stable id: 128-bit MurmurHash3 (x64) of {@code source}, NUL, {@code locator}, as 32 hex digits.
   * The locator says where the document sits in its input (e.g. {@code file.warc.gz@123456}).
   */
  public static String idFor(String source, String locator) {
    byte[] bytes = (source + '\u0000' + locator).getBytes(StandardCharsets.UTF_8);
    long[] h = MurmurHash3.hash128x64(bytes, 0, bytes.length, 0);
    return String.format("%016x%016x", h[0], h[1]);
  }

  /** UTF-8 size of the text, the unit of every byte count in stats. */
  public long textBytes() {
    return Utf8.length(text);
  }

  public Document withText(String newText) {
    return new Document(id, source, kind, url, newText, lang, meta);
  }

  public Document withLang(String newLang) {
    return new Document(id, source, kind, url, text, newLang, meta);
  }

  public Document withMeta(String key, String value) {
    TreeMap<String, String> m = new TreeMap<>(meta);
    m.put(key, value);
    return new Document(id, source, kind, url, text, lang, m);
  }
}

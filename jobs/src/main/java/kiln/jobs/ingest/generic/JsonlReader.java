package kiln.jobs.ingest.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.jobs.ingest.AbstractIngestReader;
import kiln.jobs.ingest.FileBytes;
import kiln.jobs.ingest.InputFile;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;

/**
 * JSON Lines (optionally .gz): one document per line. The text comes from {@code textField}; the id is the value
 * of {@code idField} when present (as {@code meta.orig_id}; Kiln ids stay {@code idFor(source, file@byteOffset)});
 * {@code url} is taken from a top-level {@code url} string if present, and other top-level scalars go to meta.
 * Rejected: {@code ingest:bad_json} (not an object, or the text field missing or not a string),
 * {@code ingest:empty}, {@code ingest:too_large} (line longer than the limit; the rest of the line is skipped).
 */
public final class JsonlReader extends AbstractIngestReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InputFile file;
  private final String name;
  private final String source;
  private final Document.Kind kind;
  private final String idField;
  private final String textField;
  private final long maxLineBytes;
  private InputStream in;
  private long offset;
  private boolean eof;

  public JsonlReader(Path file, String name, String source, Document.Kind kind, String idField, String textField,
                     long maxLineBytes) {
    this(InputFile.local(file), name, source, kind, idField, textField, maxLineBytes);
  }

  public JsonlReader(InputFile file, String name, String source, Document.Kind kind, String idField,
                     String textField, long maxLineBytes) {
    this.file = file;
    this.name = name;
    this.source = source;
    this.kind = kind;
    this.idField = idField;
    this.textField = textField;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  protected IngestRecord computeNext() {
    if (eof) {
      return null;
    }
    if (in == null) {
      try {
        in = FileBytes.open(file);
      } catch (IOException e) {
        eof = true;
        return reject(0, IngestReasons.UNREADABLE, e.toString());
      }
    }
    while (true) {
      long lineStart = offset;
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean over = false;
      int c;
      try {
        while ((c = in.read()) >= 0) {
          offset++;
          if (c == '\n') {
            break;
          }
          if (line.size() < maxLineBytes) {
            line.write(c);
          } else {
            over = true;
          }
        }
      } catch (IOException e) {
        eof = true;
        return reject(lineStart, IngestReasons.TRUNCATED_GZIP, e.toString());
      }
      if (c < 0) {
        eof = true;
        if (line.size() == 0 && !over) {
          // A file without a single line is still counted once.
          return offset == 0 ? reject(0, IngestReasons.EMPTY, "") : null;
        }
      }
      if (over) {
        return reject(lineStart, IngestReasons.TOO_LARGE, "");
      }
      String s = line.toString(StandardCharsets.UTF_8).strip();
      if (s.isEmpty()) {
        if (eof) {
          return null;
        }
        continue;
      }
      return parse(s, lineStart);
    }
  }

  private IngestRecord parse(String s, long at) {
    JsonNode node;
    try {
      node = JSON.readTree(s);
    } catch (IOException e) {
      return reject(at, IngestReasons.BAD_JSON, s);
    }
    if (node == null || !node.isObject() || !node.has(textField) || !node.get(textField).isTextual()) {
      return reject(at, IngestReasons.BAD_JSON, s);
    }
    String text = node.get(textField).asText();
    if (text.isBlank()) {
      return reject(at, IngestReasons.EMPTY, "");
    }
    Map<String, String> meta = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals(textField) && !e.getKey().equals(idField) && e.getValue().isValueNode()
          && !e.getValue().isNull()) {
        meta.put(e.getKey(), e.getValue().asText());
      }
    }
    if (idField != null && node.has(idField) && node.get(idField).isValueNode()) {
      meta.put("orig_id", node.get(idField).asText());
    }
    String url = node.has("url") && node.get("url").isTextual() ? node.get("url").asText() : null;
    meta.put("file", name);
    meta.put("offset", Long.toString(at));
    return IngestRecord.kept(new Document(Document.idFor(source, name + "@" + at), source, kind, url, text, null,
        meta));
  }

  private IngestRecord reject(long at, String reason, String excerpt) {
    return IngestRecord.rejected(source, kind, name, Long.toString(at), null, reason, excerpt, null);
  }

  @Override
  public void close() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Read-only stream.
      }
      in = null;
    }
  }
}

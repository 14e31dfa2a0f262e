package kiln.jobs.ingest.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Document;
import kiln.jobs.ingest.AbstractIngestReader;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.LimitedInput;
import kiln.jobs.ingest.TextBytes;
import kiln.jobs.ingest.generic.TextFileReader;

/**
 * A source tree or archive to one document per text source file ({@code kind=code}, {@code lang} = programming
 * language, meta {@code repo}, {@code path}, {@code license}).
 *
 * <p>Two passes: the first reads only licence files ({@link SourceFileRules#licenseFile}, {@code package.json}'s
 * {@code license}, {@code debian/copyright}) to map each folder to an SPDX id; the second emits files. A file's
 * licence is its own {@code SPDX-License-Identifier} or licence header if any, else that of the nearest folder
 * above it with a licence file.
 *
 * <p>Per entry, in order: {@code ingest:path_traversal} (absolute or {@code ..}), {@code ingest:too_many_entries}
 * (then stop), {@code ingest:vendored}, {@code ingest:not_source} (unknown language), {@code ingest:zip_bomb}
 * (ratio, or archive total over the limit: then stop), {@code ingest:too_large}, {@code ingest:binary},
 * {@code ingest:empty}, {@code ingest:generated}, {@code ingest:minified}.
 */
public final class CodeArchiveReader extends AbstractIngestReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final String name;
  private final String source;
  private final String repo;
  private final CodeOptions options;
  private ArchiveEntries entries;
  private Map<String, String> licenses;
  private long entryCount;
  private long totalBytes;
  private boolean stopped;

  public CodeArchiveReader(Path path, String name, String source, CodeOptions options) {
    this.path = path;
    this.name = name;
    this.source = source;
    this.repo = ArchiveEntries.baseName(path.getFileName().toString());
    this.options = options;
  }

  @Override
  protected IngestRecord computeNext() {
    if (stopped) {
      return null;
    }
    try {
      if (entries == null) {
        licenses = scanLicenses();
        entries = ArchiveEntries.open(path);
      }
      while (true) {
        ArchiveEntries.Entry e = entries.next();
        if (e == null) {
          stopped = true;
          return null;
        }
        if (!e.regularFile()) {
          continue;
        }
        IngestRecord r = entry(e);
        if (r != null) {
          return r;
        }
      }
    } catch (IOException | RuntimeException e) {
      stopped = true;
      boolean truncated = e instanceof java.io.EOFException || String.valueOf(e.getMessage()).contains("runcated");
      return reject(entryCount == 0 ? "" : "#" + entryCount, truncated ? IngestReasons.TRUNCATED_GZIP
          : IngestReasons.UNREADABLE, e.toString(), Map.of());
    }
  }

  private IngestRecord entry(ArchiveEntries.Entry e) throws IOException {
    String p = e.path();
    Map<String, String> meta = new TreeMap<>();
    meta.put("repo", repo);
    meta.put("path", p);
    if (SourceFileRules.unsafePath(p)) {
      return reject(p, IngestReasons.PATH_TRAVERSAL, "", meta);
    }
    if (++entryCount > options.maxEntries()) {
      stopped = true;
      return reject(p, IngestReasons.TOO_MANY_ENTRIES, "", meta);
    }
    if (SourceFileRules.vendored(p)) {
      return reject(p, IngestReasons.VENDORED, "", meta);
    }
    String lang = SourceLanguages.byName(p);
    String fileName = p.substring(p.lastIndexOf('/') + 1);
    boolean mayHaveShebang = !fileName.contains(".");
    if (lang == null && !mayHaveShebang) {
      return reject(p, IngestReasons.NOT_SOURCE, "", meta);
    }
    if (e.compressedSize() > 0 && e.size() > CodeOptions.BOMB_MIN_BYTES
        && e.size() > e.compressedSize() * options.maxRatio()) {
      return reject(p, IngestReasons.ZIP_BOMB, "", meta);
    }
    if (e.size() > options.maxFileBytes()) {
      return reject(p, IngestReasons.TOO_LARGE, "", meta);
    }
    InputStream in = e.content();
    if (e.compressedSize() > 0) {
      in = new RatioGuard(in, (long) Math.max(CodeOptions.BOMB_MIN_BYTES, e.compressedSize() * options.maxRatio()));
    }
    LimitedInput.Bytes b;
    try {
      b = LimitedInput.read(in, options.maxFileBytes());
    } catch (RatioGuard.Exceeded x) {
      return reject(p, IngestReasons.ZIP_BOMB, "", meta);
    }
    totalBytes += b.length();
    if (totalBytes > options.maxArchiveBytes()) {
      stopped = true;
      return reject(p, IngestReasons.ZIP_BOMB, "", meta);
    }
    if (b.overLimit()) {
      return reject(p, IngestReasons.TOO_LARGE, "", meta);
    }
    TextFileReader.Decoded d = TextFileReader.decode(b.data(), b.length());
    if (d.reason() != null) {
      return reject(p, d.reason(), "", meta);
    }
    String text = TextBytes.unixLines(d.text());
    if (text.isBlank()) {
      return reject(p, IngestReasons.EMPTY, "", meta);
    }
    if (lang == null) {
      lang = SourceLanguages.byShebang(text);
      if (lang == null) {
        return reject(p, IngestReasons.NOT_SOURCE, "", meta);
      }
    }
    if (SourceFileRules.generatedName(p) || SourceFileRules.generatedContent(text)) {
      return reject(p, IngestReasons.GENERATED, "", meta);
    }
    if (SourceFileRules.minified(p, lang, text)) {
      return reject(p, IngestReasons.MINIFIED, "", meta);
    }
    String header = text.length() > 4096 ? text.substring(0, 4096) : text;
    String lic = LicenseDetector.detect(header);
    if (lic != null) {
      meta.put("license_from", "header");
    } else {
      lic = nearestLicense(p);
      if (lic != null) {
        meta.put("license_from", "folder");
      }
    }
    if (lic != null) {
      meta.put("license", lic);
    }
    meta.put("charset", d.charset());
    meta.put("file", name);
    meta.put("offset", p);
    return IngestRecord.kept(new Document(Document.idFor(source, name + "@" + p), source, Document.Kind.CODE, null,
        text, lang, meta));
  }

  private String nearestLicense(String p) {
    String dir = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
    while (true) {
      String l = licenses.get(dir);
      if (l != null) {
        return l;
      }
      if (dir.isEmpty()) {
        return null;
      }
      dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
    }
  }

  /** Folder ('' = root) to SPDX id, from licence files, package.json and debian/copyright. */
  private Map<String, String> scanLicenses() {
    Map<String, String> out = new HashMap<>();
    Map<String, Integer> rank = new HashMap<>();
    try (ArchiveEntries all = ArchiveEntries.open(path)) {
      long n = 0;
      ArchiveEntries.Entry e;
      while ((e = all.next()) != null && ++n <= options.maxEntries()) {
        String p = e.path();
        if (!e.regularFile() || SourceFileRules.unsafePath(p) || SourceFileRules.vendored(p)
            || e.size() > (256 << 10)) {
          continue;
        }
        String file = p.substring(p.lastIndexOf('/') + 1);
        String dir = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
        int r;
        String lic;
        if (p.endsWith("debian/copyright")) {
          dir = dir.substring(0, Math.max(0, dir.length() - "debian".length())).replaceAll("/$", "");
          r = 1;
          lic = LicenseDetector.debianCopyright(read(e.content()));
        } else if (SourceFileRules.licenseFile(p)) {
          r = 3;
          lic = LicenseDetector.detect(read(e.content()));
        } else if (file.equals("package.json")) {
          r = 2;
          lic = packageJsonLicense(read(e.content()));
        } else {
          continue;
        }
        if (lic != null && rank.getOrDefault(dir, 0) < r) {
          out.put(dir, lic);
          rank.put(dir, r);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Pass two meets the same problem and reports it with its offset.
    }
    // A package root inside a single top folder (package/, hello-2.10/) also covers files at the root.
    return out;
  }

  private static String read(InputStream in) throws IOException {
    LimitedInput.Bytes b = LimitedInput.read(in, 256 << 10);
    return new String(b.data(), 0, b.length(), StandardCharsets.UTF_8);
  }

  private static String packageJsonLicense(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode l = n == null ? null : n.get("license");
      if (l != null && l.isTextual()) {
        return l.asText();
      }
      if (l != null && l.isObject() && l.has("type")) {
        return l.get("type").asText();
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private IngestRecord reject(String entry, String reason, String excerpt, Map<String, String> meta) {
    return IngestRecord.rejected(source, Document.Kind.CODE, name, entry, null, reason, excerpt, meta);
  }

  @Override
  public void close() {
    if (entries != null) {
      try {
        entries.close();
      } catch (IOException ignored) {
        // Read-only.
      }
      entries = null;
    }
  }

  /** Throws once more than {@code limit} bytes came out of a compressed entry. */
  private static final class RatioGuard extends FilterInputStream {
    static final class Exceeded extends IOException {
      Exceeded() {
        super("decompression ratio exceeded");
      }
    }

    private final long limit;
    private long count;

    RatioGuard(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0 && ++count > limit) {
        throw new Exceeded();
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && (count += n) > limit) {
        throw new Exceeded();
      }
      return n;
    }

    @Override
    public void close() {
      // The archive owns the stream.
    }
  }
}

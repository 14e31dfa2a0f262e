package kiln.jobs.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * Writes the demo's sample corpus from the project's own files: its docs rendered as HTML pages inside a
 * WARC, its source files as the code corpus, and three short books it ships. Everything is derived from
 * sorted file lists with a fixed capture date, so the sample (and hence the demo output) is the same on
 * every run of the same checkout.
 */
public final class DemoSample {
  private DemoSample() {}

  /** Capture date stamped on every demo WARC record. */
  static final Instant CAPTURE_DATE = Instant.parse("2026-01-01T00:00:00Z");
  public static final int BOOK_COUNT = 3;
  static final List<String> BOOKS = List.of("glaze-notebook.txt", "kiln-history.txt", "notes-on-clay.txt");
  static final List<String> MODULES = List.of("core", "filters", "dedup", "tokenize", "mixtures", "jobs", "cluster");

  /** Paths of the written sample. */
  public record Sample(Path warc, Path code, Path books, int pages, int sourceFiles) {}

  public static Sample write(Path repo, Path dir) {
    try {
      Files.createDirectories(dir);
      Path web = Files.createDirectories(dir.resolve("web"));
      Path warc = web.resolve("kiln-docs.warc.gz");
      int pages = writeWarc(repo, warc);
      Path code = dir.resolve("code");
      int files = copySources(repo, code.resolve("kiln"));
      Path books = Files.createDirectories(dir.resolve("books"));
      for (String b : BOOKS) {
        try (InputStream in = DemoSample.class.getResourceAsStream("/kiln/demo/books/" + b)) {
          Files.copy(in, books.resolve(b), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return new Sample(warc, code, books, pages, files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One response record per Markdown page, plus records the pipeline must reject or merge. */
  static int writeWarc(Path repo, Path warc) throws IOException {
    List<Path> md = new ArrayList<>();
    md.add(repo.resolve("README.md"));
    Path docs = repo.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> s = Files.list(docs)) {
        s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(md::add);
      }
    }
    int n = 0;
    Files.deleteIfExists(warc);
    try (WarcWriter w = new WarcWriter(Files.newByteChannel(warc,
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE), WarcCompression.GZIP)) {
      for (Path p : md) {
        if (!Files.isRegularFile(p)) {
          continue;
        }
        String name = p.getFileName().toString().replace(".md", "");
        String html = MarkdownPage.render(name, Files.readString(p, StandardCharsets.UTF_8));
        write(w, "https://kiln.example/docs/" + name + ".html", "text/html; charset=utf-8", html);
        n++;
        if (name.equals("README")) {
          // The same page under a second URL: exact dedup has a real duplicate to remove.
          write(w, "https://kiln.example/index.html", "text/html; charset=utf-8", html);
          n++;
        }
      }
      // Too short to keep: exercises the length filter.
      write(w, "https://kiln.example/404.html", "text/html; charset=utf-8",
          "<html><head><title>Not found</title></head><body><p>Page not found.</p></body></html>");
      // Not HTML: ingest counts it as skipped.
      write(w, "https://kiln.example/logo.png", "image/png", "\u0089PNG\r\n\u001a\n");
      n += 2;
    }
    return n;
  }

  private static void write(WarcWriter w, String url, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse http = new HttpResponse.Builder(200, "OK")
        .body(MediaType.parse(contentType), bytes)
        .build();
    WarcResponse rec = new WarcResponse.Builder(URI.create(url))
        .date(CAPTURE_DATE)
        .recordId(URI.create("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(url.getBytes(StandardCharsets.UTF_8))))
        .body(http)
        .build();
    w.write(rec);
  }

  /** Copies each module's main sources, the launcher and the poms: the demo's code corpus. */
  static int copySources(Path repo, Path out) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String m : MODULES) {
      Path src = repo.resolve(m).resolve("src/main");
      if (Files.isDirectory(src)) {
        try (Stream<Path> s = Files.walk(src)) {
          s.filter(Files::isRegularFile)
              .filter(p -> {
                String f = p.getFileName().toString();
                return f.endsWith(".java") || f.endsWith(".properties") || f.endsWith(".sh") || f.endsWith(".py");
              })
              .forEach(files::add);
        }
      }
      Path pom = repo.resolve(m).resolve("pom.xml");
      if (Files.isRegularFile(pom)) {
        files.add(pom);
      }
    }
    Path launcher = repo.resolve("bin/kiln");
    if (Files.isRegularFile(launcher)) {
      files.add(launcher);
    }
    files.sort(null);
    for (Path f : files) {
      Path target = out.resolve(repo.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return files.size();
  }
}

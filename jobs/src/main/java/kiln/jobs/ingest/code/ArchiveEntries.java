package kiln.jobs.ingest.code;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Uniform sequential access to the files of a directory tree, a zip/jar or a (compressed) tar. */
abstract class ArchiveEntries implements Closeable {

  /** One file: its path inside the archive ('/'-separated, as stored), sizes (-1 unknown) and content. */
  record Entry(String path, boolean regularFile, long size, long compressedSize, InputStream content) {}

  /** The next entry, or null at the end. The previous entry's stream is invalid afterwards. */
  abstract Entry next() throws IOException;

  static boolean isArchive(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".zip") || n.endsWith(".jar") || n.endsWith(".tar") || n.endsWith(".tar.gz")
        || n.endsWith(".tgz") || n.endsWith(".tar.xz") || n.endsWith(".txz") || n.endsWith(".tar.bz2")
        || n.endsWith(".tbz2");
  }

  /** The archive's name without archive extensions: the repository/package name. */
  static String baseName(String fileName) {
    String n = fileName;
    for (String ext : new String[] {".tar.gz", ".tar.xz", ".tar.bz2", ".tgz", ".txz", ".tbz2", ".tar", ".zip",
        ".jar"}) {
      if (n.toLowerCase(Locale.ROOT).endsWith(ext)) {
        return n.substring(0, n.length() - ext.length());
      }
    }
    return n;
  }

  static ArchiveEntries open(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      return new Dir(p);
    }
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".zip") || n.endsWith(".jar")) {
      return new Zip(p);
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
    InputStream in;
    try {
      if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
        in = new GzipCompressorInputStream(raw, true);
      } else if (n.endsWith(".tar.xz") || n.endsWith(".txz")) {
        in = new XZCompressorInputStream(raw, true);
      } else if (n.endsWith(".tar.bz2") || n.endsWith(".tbz2")) {
        in = new BZip2CompressorInputStream(raw, true);
      } else {
        in = raw;
      }
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    return new Tar(new TarArchiveInputStream(in));
  }

  private static final class Dir extends ArchiveEntries {
    private final Path root;
    private final Iterator<Path> files;
    private InputStream current;

    Dir(Path root) throws IOException {
      this.root = root;
      List<Path> all;
      try (Stream<Path> s = Files.walk(root)) {
        // Archives inside a source folder are ingested as splits of their own.
        all = s.filter(Files::isRegularFile).filter(f -> !isArchive(f.getFileName().toString()))
            .sorted().toList();
      }
      this.files = all.iterator();
    }

    @Override
    Entry next() throws IOException {
      closeCurrent();
      if (!files.hasNext()) {
        return null;
      }
      Path f = files.next();
      String rel = root.relativize(f).toString().replace('\\', '/');
      current = Files.newInputStream(f);
      return new Entry(rel, true, Files.size(f), -1, current);
    }

    private void closeCurrent() throws IOException {
      if (current != null) {
        current.close();
        current = null;
      }
    }

    @Override
    public void close() throws IOException {
      closeCurrent();
    }
  }

  private static final class Zip extends ArchiveEntries {
    private final ZipFile zip;
    private final Enumeration<? extends ZipEntry> entries;
    private InputStream current;

    Zip(Path p) throws IOException {
      zip = new ZipFile(p.toFile());
      entries = zip.entries();
    }

    @Override
    Entry next() throws IOException {
      if (current != null) {
        current.close();
        current = null;
      }
      if (!entries.hasMoreElements()) {
        return null;
      }
      ZipEntry e = entries.nextElement();
      if (e.isDirectory()) {
        return new Entry(e.getName(), false, 0, 0, InputStream.nullInputStream());
      }
      current = zip.getInputStream(e);
      return new Entry(e.getName(), true, e.getSize(), e.getCompressedSize(), current);
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }

  private static final class Tar extends ArchiveEntries {
    private final TarArchiveInputStream tar;

    Tar(TarArchiveInputStream tar) {
      this.tar = tar;
    }

    @Override
    Entry next() throws IOException {
      TarArchiveEntry e = tar.getNextEntry();
      if (e == null) {
        return null;
      }
      return new Entry(e.getName(), e.isFile(), e.getSize(), -1, tar);
    }

    @Override
    public void close() throws IOException {
      tar.close();
    }
  }
}

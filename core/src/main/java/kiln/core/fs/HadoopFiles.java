package kiln.core.fs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Files on any Hadoop file system. A path with a scheme ({@code hdfs://nn/x}, {@code s3a://bucket/x},
 * {@code file:///x}) goes to that file system; a plain path ({@code /data/x}, {@code out}) is always local,
 * whatever {@code fs.defaultFS} says, resolved against the working directory.
 *
 * <p>Local files go through {@link org.apache.hadoop.fs.RawLocalFileSystem} (no {@code .crc} side files), and
 * local reads through {@link FileChannel} directly. Writes are atomic: content goes to a hidden temporary name
 * in the target folder, which is then renamed over the target (on S3, where a rename is a copy, an upload is
 * already atomic, so the object is written under its final key in one PUT/multipart commit).
 */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** The Hadoop path of {@code path}: a plain path becomes an absolute {@code file:} URI. */
  public static Path path(String path) {
    if (isLocal(path) && !path.startsWith("file:")) {
      // Not Path(nio.toUri()): toUri() appends '/' to an existing directory, and a Hadoop Path made from that URI
      // keeps it, so getName() is empty and siblings such as ".OUT.inprogress" land inside OUT on a rerun.
      return new Path("file", null, java.nio.file.Path.of(path).toAbsolutePath().normalize().toString());
    }
    return new Path(path);
  }

  /** True for plain paths and {@code file:} URIs. */
  public static boolean isLocal(String path) {
    String scheme = scheme(path);
    return scheme == null || scheme.equals("file");
  }

  /** The URI scheme of {@code path} (lower case), or null for a plain path. */
  public static String scheme(String path) {
    int colon = path.indexOf(':');
    int slash = path.indexOf('/');
    if (colon <= 1 || (slash >= 0 && slash < colon)) {
      return null; // no scheme, or a Windows drive letter
    }
    String s = path.substring(0, colon);
    return s.matches("[A-Za-z][A-Za-z0-9+.-]*") ? s.toLowerCase(Locale.ROOT) : null;
  }

  /** The local file of a plain path or {@code file:} URI. */
  public static java.nio.file.Path localPath(String path) {
    if (!isLocal(path)) {
      throw new IllegalArgumentException("not a local path: " + path);
    }
    return java.nio.file.Path.of(path(path).toUri());
  }

  /** The file system of {@code p}; the raw (checksum-free) one for local paths. */
  public static FileSystem fs(Configuration conf, Path p) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    if ("file".equals(fs.getUri().getScheme())) {
      return FileSystem.getLocal(conf).getRaw();
    }
    return fs;
  }

  /** The fully qualified form of {@code path} ({@code file:/...}, {@code hdfs://nn:port/...}). */
  public static String qualify(Configuration conf, String path) {
    try {
      Path p = path(path);
      return fs(conf, p).makeQualified(p).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + path, e);
    }
  }

  /** {@code child} under {@code dir} ({@code dir} may be a URI or a plain path). */
  public static String child(String dir, String child) {
    return dir.endsWith("/") ? dir + child : dir + "/" + child;
  }

  public static boolean exists(Configuration conf, String path) {
    try {
      Path p = path(path);
      return fs(conf, p).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  public static boolean isDirectory(Configuration conf, String path) {
    try {
      Path p = path(path);
      return fs(conf, p).getFileStatus(p).isDirectory();
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  /** Size in bytes of a file. */
  public static long size(Configuration conf, String path) throws IOException {
    if (isLocal(path)) {
      return Files.size(localPath(path));
    }
    Path p = path(path);
    return fs(conf, p).getFileStatus(p).getLen();
  }

  public static void mkdirs(Configuration conf, String dir) throws IOException {
    Path p = path(dir);
    FileSystem fs = fs(conf, p);
    if (!fs.mkdirs(p)) {
      throw new IOException("cannot create " + dir);
    }
  }

  /** Deletes a file or a folder tree; absent is fine. */
  public static void delete(Configuration conf, String path) throws IOException {
    Path p = path(path);
    fs(conf, p).delete(p, true);
  }

  /** A buffered stream over the file's bytes (not decompressed). */
  public static InputStream open(Configuration conf, String path) throws IOException {
    if (isLocal(path)) {
      return Files.newInputStream(localPath(path));
    }
    Path p = path(path);
    return fs(conf, p).open(p, 1 << 16);
  }

  /**
   * A read-only {@link FileChannel}: the local file's own, or a {@link HadoopFileChannel} over the file system's
   * seekable stream, so code written for random access to local files reads remote ones unchanged.
   */
  public static FileChannel channel(Configuration conf, String path) throws IOException {
    if (isLocal(path)) {
      return FileChannel.open(localPath(path), StandardOpenOption.READ);
    }
    Path p = path(path);
    FileSystem fs = fs(conf, p);
    FileStatus st = fs.getFileStatus(p);
    return new HadoopFileChannel(fs.open(p, 1 << 16), st.getLen());
  }

  /** The file's content as UTF-8, or null when it does not exist. */
  public static String readString(Configuration conf, String path) {
    try {
      Path p = path(path);
      FileSystem fs = fs(conf, p);
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (FileNotFoundException e) {
        return null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** Writes (replacing) a file atomically; returns its qualified path. */
  public static String writeString(Configuration conf, String path, String content) {
    try {
      return write(conf, path, content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Writes (replacing) a file atomically: a temporary name in the same folder, then a rename; returns its path. */
  public static String write(Configuration conf, String path, byte[] content) throws IOException {
    Path p = path(path);
    FileSystem fs = fs(conf, p);
    p = fs.makeQualified(p);
    if (uploadIsAtomic(fs)) {
      try (OutputStream out = fs.create(p, true)) {
        out.write(content);
      }
      return p.toString();
    }
    Path tmp = tmpSibling(p);
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(content);
    }
    replace(fs, tmp, p);
    return p.toString();
  }

  /**
   * Moves a finished local file (scratch space of this JVM) to {@code target} on any file system, atomically;
   * the local file is gone afterwards. Local targets are moved (renamed when on the same disk).
   */
  public static void publish(Configuration conf, java.nio.file.Path local, String target) throws IOException {
    if (isLocal(target)) {
      java.nio.file.Path dst = localPath(target);
      Files.createDirectories(dst.getParent());
      try {
        Files.move(local, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        java.nio.file.Path tmp = dst.resolveSibling("." + dst.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.copy(local, tmp);
        Files.move(tmp, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(local);
      }
      return;
    }
    Path p = path(target);
    FileSystem fs = fs(conf, p);
    Path src = new Path(local.toAbsolutePath().toUri());
    if (uploadIsAtomic(fs)) {
      fs.copyFromLocalFile(true, true, src, p);
      return;
    }
    Path tmp = tmpSibling(fs.makeQualified(p));
    fs.copyFromLocalFile(true, true, src, tmp);
    replace(fs, tmp, p);
  }

  /**
   * A local copy of a file or folder tree, for readers that need a local file ({@link java.util.zip.ZipFile}):
   * the path itself when local, else a copy under {@code scratch}.
   */
  public static java.nio.file.Path localCopy(Configuration conf, String path, java.nio.file.Path scratch)
      throws IOException {
    if (isLocal(path)) {
      return localPath(path);
    }
    Path p = path(path);
    java.nio.file.Path dst = scratch.resolve(p.getName());
    fs(conf, p).copyToLocalFile(false, p, new Path(dst.toAbsolutePath().toUri()), true);
    return dst;
  }

  /** A file found by {@link #listFiles}: its qualified path, its path relative to the root, its size. */
  public record Listed(String path, String relative, long size) {}

  /**
   * Every file under {@code root} (recursively; {@code root} itself if it is a file), sorted by relative path.
   * Relative paths use '/'; a file root's relative path is its name.
   */
  public static List<Listed> listFiles(Configuration conf, String root) throws IOException {
    Path r = path(root);
    FileSystem fs = fs(conf, r);
    r = fs.makeQualified(r);
    FileStatus st = fs.getFileStatus(r);
    List<Listed> out = new ArrayList<>();
    if (!st.isDirectory()) {
      out.add(new Listed(r.toString(), r.getName(), st.getLen()));
      return out;
    }
    String prefix = r.toUri().getPath();
    prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(r, true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      Path fp = fs.makeQualified(f.getPath());
      String abs = fp.toUri().getPath();
      String rel = abs.startsWith(prefix) ? abs.substring(prefix.length()) : fp.getName();
      out.add(new Listed(fp.toString(), rel, f.getLen()));
    }
    out.sort(Comparator.comparing(Listed::relative));
    return out;
  }

  /** S3-like stores: an object appears whole when its upload completes, and a rename is a copy. */
  static boolean uploadIsAtomic(FileSystem fs) {
    String s = fs.getUri().getScheme();
    return s != null && (s.equals("s3a") || s.equals("s3") || s.equals("gs") || s.equals("abfs")
        || s.equals("abfss") || s.equals("oss"));
  }

  private static Path tmpSibling(Path p) {
    return new Path(p.getParent(), "." + p.getName() + ".tmp-" + UUID.randomUUID());
  }

  /** Renames {@code tmp} over {@code dst} (HDFS's rename does not replace, so an old {@code dst} goes first). */
  private static void replace(FileSystem fs, Path tmp, Path dst) throws IOException {
    fs.delete(dst, false);
    if (!fs.rename(tmp, dst)) {
      fs.delete(tmp, false);
      throw new IOException("rename failed: " + tmp + " -> " + dst);
    }
  }
}

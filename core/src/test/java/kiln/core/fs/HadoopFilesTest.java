package kiln.core.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFilesTest {
  private final Configuration conf = new Configuration();

  @TempDir
  Path tmp;

  @Test
  void plainPathsAreLocalWhateverTheDefaultFileSystem() {
    Configuration c = new Configuration();
    c.set("fs.defaultFS", "hdfs://namenode.invalid:8020");
    assertEquals("file", HadoopFiles.path("rel/x").toUri().getScheme());
    assertEquals(Path.of("rel/x").toAbsolutePath().toUri().getPath(), HadoopFiles.path("rel/x").toUri().getPath());
    assertTrue(HadoopFiles.qualify(c, "/data/out").startsWith("file:/data/out"));
    assertTrue(HadoopFiles.isLocal("/a/b"));
    assertTrue(HadoopFiles.isLocal("file:///a/b"));
    assertTrue(HadoopFiles.isLocal("C:\\x"));
    assertFalse(HadoopFiles.isLocal("hdfs://nn:8020/a"));
    assertFalse(HadoopFiles.isLocal("s3a://bucket/a"));
    assertEquals("s3a", HadoopFiles.scheme("S3A://bucket/a"));
    assertNull(HadoopFiles.scheme("dir/with:colon"));
  }

  @Test
  void anExistingDirectoryKeepsItsName(@TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path out = java.nio.file.Files.createDirectories(dir.resolve("out dir"));
    org.apache.hadoop.fs.Path p = HadoopFiles.path(out.toString());
    assertEquals("out dir", p.getName());
    assertEquals(HadoopFiles.path(out + "/"), p);
    assertEquals(HadoopFiles.path(dir.resolve("out dir").toString()).getParent(), HadoopFiles.path(dir.toString()));
  }

  @Test
  void writesAtomicallyWithoutSideFilesAndReadsBackThroughBothSpellings() throws IOException {
    String plain = tmp.resolve("sub/_run.json").toString();
    String uri = tmp.resolve("sub/_run.json").toUri().toString();
    assertNull(HadoopFiles.readString(conf, plain));
    String q = HadoopFiles.writeString(conf, plain, "one");
    assertTrue(q.startsWith("file:"), q);
    assertEquals("one", HadoopFiles.readString(conf, uri));
    HadoopFiles.writeString(conf, uri, "two");
    assertEquals("two", Files.readString(tmp.resolve("sub/_run.json")));
    try (Stream<Path> s = Files.list(tmp.resolve("sub"))) {
      assertEquals(List.of("_run.json"), s.map(p -> p.getFileName().toString()).toList(),
          "no .crc or temporary file may be left");
    }
  }

  @Test
  void publishMovesAScratchFileUnderItsFinalName() throws IOException {
    Path scratch = Files.writeString(tmp.resolve("scratch.bin"), "payload");
    String target = tmp.resolve("out/shard_00000.bin").toUri().toString();
    Files.createDirectories(tmp.resolve("out"));
    Files.writeString(tmp.resolve("out/shard_00000.bin"), "old attempt");
    HadoopFiles.publish(conf, scratch, target);
    assertFalse(Files.exists(scratch));
    assertEquals("payload", Files.readString(tmp.resolve("out/shard_00000.bin")));
  }

  @Test
  void listsFilesRecursivelySortedByRelativePath() throws IOException {
    Files.createDirectories(tmp.resolve("in/b/c"));
    Files.writeString(tmp.resolve("in/b/c/z.txt"), "zz");
    Files.writeString(tmp.resolve("in/a.txt"), "a");
    Files.writeString(tmp.resolve("in/b-1.txt"), "bbb");
    List<HadoopFiles.Listed> l = HadoopFiles.listFiles(conf, tmp.resolve("in").toString());
    assertEquals(List.of("a.txt", "b-1.txt", "b/c/z.txt"), l.stream().map(HadoopFiles.Listed::relative).toList());
    assertEquals(List.of(1L, 3L, 2L), l.stream().map(HadoopFiles.Listed::size).toList());
    assertTrue(l.get(0).path().startsWith("file:"), l.get(0).path());
    List<HadoopFiles.Listed> one = HadoopFiles.listFiles(conf, tmp.resolve("in/a.txt").toUri().toString());
    assertEquals(List.of("a.txt"), one.stream().map(HadoopFiles.Listed::relative).toList());
    assertTrue(HadoopFiles.isDirectory(conf, tmp.resolve("in").toString()));
    assertFalse(HadoopFiles.isDirectory(conf, tmp.resolve("missing").toString()));
    assertEquals(3, HadoopFiles.size(conf, tmp.resolve("in/b-1.txt").toUri().toString()));
  }

  /** The channel over a Hadoop stream must read exactly what a FileChannel reads, sequentially and at offsets. */
  @Test
  void hadoopChannelReadsLikeAFileChannel() throws IOException {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    Path f = Files.write(tmp.resolve("data.bin"), data);
    FileSystem local = FileSystem.getLocal(conf);
    try (FileChannel ch = new HadoopFileChannel(local.open(new org.apache.hadoop.fs.Path(f.toUri())), data.length)) {
      assertEquals(data.length, ch.size());
      ByteBuffer at = ByteBuffer.allocate(100);
      assertEquals(100, ch.read(at, 123_456));
      assertArrayEquals(java.util.Arrays.copyOfRange(data, 123_456, 123_556), at.array());
      assertEquals(0, ch.position(), "a positional read must not move the channel");
      ch.position(250_000);
      ByteBuffer direct = ByteBuffer.allocateDirect(60_000);
      int n = ch.read(direct);
      assertEquals(50_000, n, "reads stop at the end of the file");
      byte[] got = new byte[n];
      direct.flip().get(got);
      assertArrayEquals(java.util.Arrays.copyOfRange(data, 250_000, 300_000), got);
      assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
      assertEquals(-1, ch.read(ByteBuffer.allocate(10), data.length + 5));
      ch.position(10);
      InputStream in = Channels.newInputStream(ch);
      assertArrayEquals(java.util.Arrays.copyOfRange(data, 10, data.length), in.readAllBytes());
      assertThrows(java.nio.channels.NonWritableChannelException.class, () -> ch.write(ByteBuffer.allocate(1)));
    }
  }

  @Test
  void configurationTravelsThroughJavaSerialization() throws Exception {
    Configuration c = new Configuration(false);
    c.set("fs.s3a.endpoint", "http://127.0.0.1:9");
    c.set("fs.s3a.path.style.access", "true");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new HadoopConf(c));
    }
    HadoopConf back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (HadoopConf) in.readObject();
    }
    assertEquals("http://127.0.0.1:9", back.get().get("fs.s3a.endpoint"));
    assertEquals("true", back.get().get("fs.s3a.path.style.access"));
  }
}

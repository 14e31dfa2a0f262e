package kiln.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.jobs.ingest.InputSplit;
import kiln.jobs.ingest.IngestReader;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.spark.IngestJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands a user types, on whole real folders: {@code kiln ingest} over every file of one input kind, then
 * {@code kiln filter}, {@code kiln dedup} and {@code kiln tokenize} with their defaults. Each command must exit 0;
 * each stage's {@code _stats.json} must satisfy in = kept + rejected and agree with the rows on disk; each stage
 * must read exactly what the one before kept; and ingest must account for every record the readers find in the
 * input, by id. One odd record in a crawl must not be able to kill any of them.
 */
class RealInputCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void warcFolderWithMalformedFiles(@TempDir Path out) throws Exception {
    run(out, "warc", data("web/warc"));
  }

  @Test
  void wetFiles(@TempDir Path out) throws Exception {
    run(out, "wet", data("web/wet"));
  }

  @Test
  void commonCrawlCaptures(@TempDir Path out) throws Exception {
    Path web = data("web/warc").getParent();
    List<Path> cc = new ArrayList<>();
    try (Stream<Path> s = Files.list(web)) {
      s.filter(p -> p.getFileName().toString().startsWith("commoncrawl-")).sorted().forEach(cc::add);
    }
    assertTrue(cc.size() >= 2, "commoncrawl-* folders: " + cc);
    run(out, "warc", cc.toArray(new Path[0]));
  }

  @Test
  void gutenbergBooks(@TempDir Path out) throws Exception {
    run(out, "gutenberg", data("books/gutenberg"));
  }

  @Test
  void codeCorpus(@TempDir Path out) throws Exception {
    String env = System.getenv("KILN_CODE_CORPUS");
    Path dir = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "kiln", "code-corpus");
    Assumptions.assumeTrue(Files.isDirectory(dir), "needs " + dir + " (run $KILN_SHARED/data/get-code-corpus.sh)");
    run(out, "code", dir);
  }

  private static Path data(String rel) {
    Path p = SharedData.data(rel).orElse(null);
    Assumptions.assumeTrue(p != null && Files.isDirectory(p), "needs $KILN_SHARED/data/" + rel);
    return p;
  }

  private static void run(Path out, String format, Path... in) throws Exception {
    List<String> args = new ArrayList<>(List.of("ingest", "--format", format, "--out", out.resolve("ingest").toString(),
        "--master", "local[2]", "--in"));
    for (Path p : in) {
      args.add(p.toString());
    }
    assertEquals(0, KilnCli.execute(args.toArray(new String[0])), "kiln " + args);
    Map<String, String> expected = readerIds(format, in);
    JsonNode ingest = stageStats(out.resolve("ingest"));
    assertEquals(expected.size(), ingest.path("docs_in").asLong(), "ingest docs_in against the readers' records");
    Map<String, String> written = new TreeMap<>();
    readIds(out.resolve("ingest/kept"), written);
    readIds(out.resolve("ingest/rejected"), written);
    assertEquals(expected.keySet(), written.keySet(), "every record the readers find is kept or rejected, once");
    assertTrue(ingest.path("docs_kept").asLong() > 0, "ingest kept nothing from " + List.of(in));

    String prev = out.resolve("ingest/kept").toString();
    long prevKept = ingest.path("docs_kept").asLong();
    for (String stage : new String[] {"filter", "dedup"}) {
      Path dir = out.resolve(stage);
      assertEquals(0, KilnCli.execute(stage, "--in", prev, "--out", dir.toString(), "--master", "local[2]"), stage);
      JsonNode s = stageStats(dir);
      assertEquals(prevKept, s.path("docs_in").asLong(), stage + " reads what the stage before kept");
      prev = dir.resolve("kept").toString();
      prevKept = s.path("docs_kept").asLong();
    }
    Path tok = out.resolve("tokenize");
    assertEquals(0, KilnCli.execute("tokenize", "--in", prev, "--out", tok.toString(), "--master", "local[2]"));
    JsonNode manifest = JSON.readTree(tok.resolve("manifest.json").toFile());
    long docs = 0;
    for (JsonNode shard : manifest.path("shards")) {
      docs += shard.path("documents").asLong();
    }
    assertEquals(prevKept, docs, "tokenize writes every document dedup kept");
    assertEquals(prevKept, manifest.path("documents").asLong(), "manifest total");
  }

  /** The ids the readers themselves produce over every split, with the reason (or "kept"). */
  private static Map<String, String> readerIds(String format, Path... in) throws IOException {
    StringBuilder yaml = new StringBuilder("format: ").append(format).append("\npaths:\n");
    for (Path p : in) {
      yaml.append("  - '").append(p.toAbsolutePath().normalize()).append("'\n");
    }
    IngestJob job = IngestJob.fromConfig(ConfigNode.parse(yaml.toString(), "test.yaml"));
    Map<String, String> ids = new TreeMap<>();
    for (InputSplit s : job.splits()) {
      try (IngestReader r = job.open(s)) {
        for (IngestRecord rec : r) {
          String prior = ids.put(rec.doc().id(), rec.isKept() ? "kept" : rec.reason());
          assertEquals(null, prior, "duplicate id " + rec.doc().id() + " in " + s.name());
        }
      }
    }
    return ids;
  }

  /** Reads {@code _stats.json}, checks in = kept + rejected and that the rows on disk agree with it. */
  private static JsonNode stageStats(Path dir) throws IOException {
    JsonNode s = JSON.readTree(dir.resolve("_stats.json").toFile());
    long in = s.path("docs_in").asLong();
    long kept = s.path("docs_kept").asLong();
    long rejected = s.path("docs_rejected").asLong();
    assertEquals(in, kept + rejected, dir + ": in = kept + rejected");
    assertEquals(kept, readIds(dir.resolve("kept"), new TreeMap<>()), dir + ": kept rows on disk");
    assertEquals(rejected, readIds(dir.resolve("rejected"), new TreeMap<>()), dir + ": rejected rows on disk");
    long byReason = 0;
    for (JsonNode n : s.path("reasons")) {
      byReason += n.asLong();
    }
    assertEquals(rejected, byReason, dir + ": every rejection has a counted reason");
    return s;
  }

  /** Adds each row's id of a Parquet folder to {@code ids}; returns the number of rows. */
  private static long readIds(Path folder, Map<String, String> ids) throws IOException {
    long n = 0;
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    List<Path> parts;
    try (Stream<Path> s = Files.list(folder)) {
      parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    for (Path part : parts) {
      try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(),
          new org.apache.hadoop.fs.Path(part.toUri())).withConf(new Configuration()).build()) {
        for (Group g = r.read(); g != null; g = r.read()) {
          String id = g.getString("id", 0);
          assertEquals(null, ids.put(id, folder.getFileName().toString()), "id twice: " + id + " in " + folder);
          n++;
        }
      }
    }
    return n;
  }
}

package kiln.jobs.ingest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.jobs.ingest.InputSplit;
import kiln.jobs.ingest.IngestReader;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.web.WarcPageWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("ingest-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static IngestJob job(String yaml) {
    return IngestJob.fromConfig(ConfigNode.parse(yaml, "ingest.yaml"));
  }

  @Test
  void badConfigFailsNamingTheKey(@TempDir Path dir) {
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> job("format: warc\npaths: ['" + dir + "']\nmax_record_byte: 5\n"));
    assertTrue(unknown.getMessage().contains("max_record_byte"), unknown.getMessage());
    ConfigException missing = assertThrows(ConfigException.class,
        () -> job("format: text\npaths: ['" + dir.resolve("nope") + "']\n"));
    assertTrue(missing.getMessage().contains("paths"), missing.getMessage());
    ConfigException format = assertThrows(ConfigException.class, () -> job("format: pdf\npaths: ['" + dir + "']\n"));
    assertTrue(format.getMessage().contains("format"), format.getMessage());
    // id_field is a jsonl/parquet option: on warc it is an unknown key.
    assertThrows(ConfigException.class, () -> job("format: warc\nid_field: x\npaths: ['" + dir + "']\n"));
    assertThrows(ConfigException.class, () -> job("format: warc\nsplit_bytes: 10\npaths: ['" + dir + "']\n"));
  }

  @Test
  void sparkRowsEqualReaderRowsInSplitOrder(@TempDir Path dir) throws IOException {
    Path web = Files.createDirectories(dir.resolve("web"));
    List<WarcPageWriter.Page> pages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pages.add(new WarcPageWriter.Page("https://kiln.dev/" + i,
          "<html><head><title>P" + i + "</title></head><body><p>" + ("Paragraph " + i
              + " has words, commas, and enough length to be content. ").repeat(5) + "</p></body></html>"));
    }
    WarcPageWriter.write(web.resolve("b.warc.gz"), pages, Instant.EPOCH);
    WarcPageWriter.write(web.resolve("a.warc.gz"), pages.subList(0, 2), Instant.EPOCH);
    Files.write(web.resolve("broken.warc.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
    IngestJob job = job("format: warc\npaths: ['" + web + "']\n");
    assertEquals("web", job.source());
    List<InputSplit> splits = job.splits();
    assertEquals(List.of("a.warc.gz", "b.warc.gz", "broken.warc.gz"),
        splits.stream().map(InputSplit::name).toList());
    List<String> direct = new ArrayList<>();
    for (InputSplit s : splits) {
      try (IngestReader r = job.open(s)) {
        for (IngestRecord rec : r) {
          direct.add(rec.doc().id() + "|" + rec.reason());
        }
      }
    }
    Dataset<Row> rows = job.read(spark);
    assertEquals(DocumentSchema.ANNOTATED, rows.schema());
    List<String> viaSpark = rows.collectAsList().stream()
        .map(r -> r.getString(0) + "|" + r.getString(r.fieldIndex("reason"))).toList();
    assertEquals(direct, viaSpark);
    // warcinfo + 2 pages, warcinfo + 5 pages, one unreadable file.
    assertEquals(3 + 6 + 1, viaSpark.size());
    assertEquals(7, rows.filter("reason is null").count());
    assertEquals(1, rows.filter("reason = '" + IngestReasons.TRUNCATED_GZIP + "'").count());
  }

  @Test
  void parquetRowsGetStableIdsAndEmptyTextIsRejected(@TempDir Path dir) {
    Path out = dir.resolve("in.parquet");
    spark.sql("SELECT * FROM VALUES ('a', 'first doc'), ('b', ''), ('c', 'third doc') AS t(key, body)")
        .coalesce(1).write().parquet(out.toString());
    IngestJob j = job("format: parquet\nid_field: key\ntext_field: body\npaths: ['" + out + "']\n");
    List<Row> rows = j.read(spark).orderBy("meta.offset").collectAsList();
    assertEquals(3, rows.size());
    assertEquals("first doc", rows.get(0).getString(rows.get(0).fieldIndex("text")));
    assertNull(rows.get(0).get(rows.get(0).fieldIndex("reason")));
    assertEquals(IngestReasons.EMPTY, rows.get(1).getString(rows.get(1).fieldIndex("reason")));
    String file = rows.get(0).<String, String>getJavaMap(rows.get(0).fieldIndex("meta")).get("file");
    assertEquals("b", rows.get(1).<String, String>getJavaMap(rows.get(1).fieldIndex("meta")).get("orig_id"));
    assertEquals(kiln.core.Document.idFor("parquet", file + "@2"), rows.get(2).getString(0));
  }

  @Test
  void jsonlAndTextFormats(@TempDir Path dir) throws IOException {
    Path jsonl = dir.resolve("d.jsonl.gz");
    try (GZIPOutputStream o = new GZIPOutputStream(Files.newOutputStream(jsonl))) {
      o.write(("{\"doc_id\": \"x1\", \"body\": \"first text\", \"url\": \"http://a\"}\n"
          + "not json\n\n{\"doc_id\": 2, \"body\": \"   \"}\n{\"body\": \"third\", \"score\": 0.5}\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    IngestJob j = job("format: jsonl\nid_field: doc_id\ntext_field: body\npaths: ['" + jsonl + "']\n");
    List<IngestRecord> recs = new ArrayList<>();
    try (IngestReader r = j.open(j.splits().get(0))) {
      r.forEachRemaining(recs::add);
    }
    assertEquals(4, recs.size());
    assertNull(recs.get(0).reason());
    assertEquals("x1", recs.get(0).doc().meta().get("orig_id"));
    assertEquals("http://a", recs.get(0).doc().url());
    assertEquals(IngestReasons.BAD_JSON, recs.get(1).reason());
    // Byte offsets: line 1 is 57 bytes + \n, so "not json" starts at 58.
    assertEquals("58", recs.get(1).doc().meta().get("offset"));
    assertEquals(IngestReasons.EMPTY, recs.get(2).reason());
    assertEquals("third", recs.get(3).doc().text());
    assertEquals("0.5", recs.get(3).doc().meta().get("score"));

    Path texts = Files.createDirectories(dir.resolve("texts"));
    Files.writeString(texts.resolve("a.txt"), "caf\u00e9\r\nline two\r\n");
    Files.write(texts.resolve("latin.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(texts.resolve("empty.txt"), new byte[0]);
    Files.write(texts.resolve("png.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
    IngestJob t = job("format: text\npaths: ['" + texts + "']\n");
    List<String> got = new ArrayList<>();
    for (InputSplit s : t.splits()) {
      try (IngestReader r = t.open(s)) {
        for (IngestRecord rec : r) {
          got.add(s.name() + " " + (rec.isKept() ? rec.doc().text() : rec.reason()));
        }
      }
    }
    assertEquals(List.of("a.txt caf\u00e9\nline two", "empty.txt " + IngestReasons.EMPTY, "latin.txt caf\u00e9",
        "png.txt " + IngestReasons.BINARY), got);
  }
}

package kiln.tokenize.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.SharedData;
import kiln.core.config.ConfigException;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.tokenize.Tokenizer;
import kiln.tokenize.Tokenizers;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Spark (local[2]) over real speeches from $KILN_SHARED/data/books/sotu. */
class ShardOutputSparkTest {
  static SparkSession spark;
  static List<Document> docs;
  /** The documents tokenized once (TokenizeStage over 2 partitions); shard tests repartition these. */
  static List<Row> tokenRows;
  static TokenizeStage stage;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws IOException {
    Path sotu = SharedData.data("books/sotu").orElse(null);
    Assumptions.assumeTrue(sotu != null, "needs $KILN_SHARED/data/books/sotu");
    docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(sotu)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().limit(40).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        docs.add(new Document(Document.idFor("sotu", f.getFileName().toString()), "sotu", Document.Kind.BOOK, null,
            text, "en", Map.of()));
      }
    }
    // An empty document must survive tokenization as [eod].
    docs.add(new Document(Document.idFor("sotu", "empty"), "sotu", Document.Kind.BOOK, null, "", "en", Map.of()));
    spark = SparkSession.builder().master("local[2]").appName("shard-output-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    stage = TokenizeStage.fromConfig(ConfigNode.empty("test.yaml"));
    tokenRows = stage.apply(
        spark.createDataFrame(docs.stream().map(DocumentSchema::toRow).toList(), DocumentSchema.DOCUMENT))
        .collectAsList();
  }

  Dataset<Row> tokenFrame(int partitions) {
    return spark.createDataFrame(tokenRows, TokenizeStage.SCHEMA).repartition(partitions);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  Dataset<Row> docFrame(int partitions) {
    List<Row> rows = docs.stream().map(DocumentSchema::toRow).toList();
    return spark.createDataFrame(rows, DocumentSchema.DOCUMENT).repartition(partitions);
  }

  @Test
  void tokenizeStageKeepsEveryDocumentAndMatchesTheKernel() {
    List<Row> out = stage.apply(docFrame(3)).collectAsList();
    assertEquals(docs.size(), out.size());
    Map<String, Row> byId = new HashMap<>();
    out.forEach(r -> byId.put(r.getString(0), r));
    try (Tokenizer tok = Tokenizers.open(Tokenizers.DEFAULT_SPEC)) {
      for (Document d : docs) {
        Row r = byId.get(d.id());
        int[] expected = TokenizeStage.tokens(tok, d.text(), false, true);
        List<Integer> got = r.getList(2);
        assertEquals(expected.length, got.size(), d.id());
        assertEquals(expected.length, r.getInt(3));
        assertEquals(tok.eodId(), got.get(got.size() - 1));
        assertEquals(d.textBytes(), r.getLong(4));
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], got.get(i));
        }
      }
      // The empty document: exactly [eod].
      assertEquals(List.of(tok.eodId()), byId.get(Document.idFor("sotu", "empty")).getList(2));
    }
  }

  @Test
  void configErrorsNameTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> TokenizeStage.fromConfig(ConfigNode.parse("tokenizer: spm:/no/such.model\n", "t.yaml")));
    assertTrue(e.getMessage().contains("tokenizer"), e.getMessage());
    ConfigException u = assertThrows(ConfigException.class,
        () -> TokenizeStage.fromConfig(ConfigNode.parse("append_eos: true\n", "t.yaml")));
    assertTrue(u.getMessage().contains("append_eos"), u.getMessage());
  }

  /** Shard sha256s per file name, for 1, 3 and 7 input partitions. */
  Map<String, String> shardHashes(ShardFormat format, int partitions, long shardTokens, Path out) throws IOException {
    Dataset<Row> tokens = tokenFrame(partitions).withColumn("order", functions.xxhash64(functions.col("id")));
    ShardManifest m = ShardOutput.write(tokens, "order", out, format, shardTokens, stage.tokenizerId(),
        stage.vocabSize());
    Map<String, String> hashes = new TreeMap<>();
    for (ShardManifest.Shard s : m.shards()) {
      s.files().forEach((f, e) -> hashes.put(f, e.sha256()));
    }
    assertEquals(ShardManifest.read(out.resolve(ShardManifest.FILE_NAME)), m);
    assertTrue(Files.notExists(out.resolve(ShardOutput.TMP_DIR)), "temporary folder removed");
    return hashes;
  }

  @Test
  void megatronShardsIdenticalForAnyPartitionCount() throws IOException {
    long totalTokens;
    try (Tokenizer tok = Tokenizers.open(Tokenizers.DEFAULT_SPEC)) {
      totalTokens = docs.stream().mapToLong(d -> tok.encode(d.text()).length + 1).sum();
    }
    long shardTokens = totalTokens / 5; // about 5-6 shards
    Map<String, String> h1 = shardHashes(ShardFormat.MEGATRON, 1, shardTokens, tmp.resolve("p1"));
    Map<String, String> h3 = shardHashes(ShardFormat.MEGATRON, 3, shardTokens, tmp.resolve("p3"));
    Map<String, String> h7 = shardHashes(ShardFormat.MEGATRON, 7, shardTokens, tmp.resolve("p7"));
    assertTrue(h1.size() >= 8, "several shards: " + h1.keySet());
    assertEquals(h1, h3);
    assertEquals(h1, h7);
    assertArrayEquals(Files.readAllBytes(tmp.resolve("p1/manifest.json")),
        Files.readAllBytes(tmp.resolve("p7/manifest.json")));

    // Manifest counts equal what an independent reader finds in the files.
    ShardManifest m = ShardManifest.read(tmp.resolve("p3/manifest.json"));
    assertEquals(totalTokens, m.tokens());
    assertEquals(docs.size(), m.documents());
    assertEquals("uint16", m.dtype());
    long sumTokens = 0;
    long sumDocs = 0;
    for (ShardManifest.Shard s : m.shards()) {
      List<List<Integer>> seqs = MegatronPython.read(tmp.resolve("p3").resolve(s.name() + "_text_document"));
      assertEquals(s.documents(), seqs.size());
      assertEquals(s.tokens(), seqs.stream().mapToLong(List::size).sum());
      // Every shard but the last reaches the target: the next shard starts at the first document past it.
      sumDocs += seqs.size();
      sumTokens += s.tokens();
    }
    assertEquals(totalTokens, sumTokens);
    assertEquals(docs.size(), sumDocs);

    try (Tokenizer tok = Tokenizers.open(Tokenizers.DEFAULT_SPEC)) {
      ShardVerifier.Result ok = ShardVerifier.verify(tmp.resolve("p3"), tok, 0.5, 1);
      assertTrue(ok.ok(), ok.toString());
      assertEquals(docs.size(), ok.documents());
      assertTrue(ok.sampled() > 5 && ok.sampled() < docs.size(), ok.toString());
      assertEquals(ok.sampled(), ok.roundTripMatches());
      Dataset<Row> source = tokenFrame(2).withColumn("order", functions.xxhash64(functions.col("id")));
      ShardVerifier.SourceCheck same = ShardVerifier.compareWithSource(source, "order", tmp.resolve("p3"), 0.5, 3);
      assertTrue(same.ok() && same.sampled() > 5 && same.matches() == same.sampled(), same.toString());
      assertEquals(docs.size(), same.sourceDocuments());
      // Flip one token in a shard: the sha256 check names the file.
      Path bin = tmp.resolve("p3").resolve(m.shards().get(1).name() + "_text_document.bin");
      byte[] b = Files.readAllBytes(bin);
      b[10] ^= 0x01;
      Files.write(bin, b);
      ShardVerifier.Result bad = ShardVerifier.verify(tmp.resolve("p3"), tok, 0.5, 1);
      assertEquals(1, bad.problems().size(), bad.toString());
      assertTrue(bad.problems().get(0).contains(bin.getFileName().toString()), bad.toString());
      // Byte 10 is token 5 of the shard's first document: exactly one document differs from the source.
      ShardVerifier.SourceCheck diff = ShardVerifier.compareWithSource(source, "order", tmp.resolve("p3"), 1.0, 3);
      assertEquals(docs.size(), diff.sampled());
      assertEquals(1, diff.mismatches(), diff.toString());
    }
  }

  @Test
  void pythonReaderSeesTheExactSequences() throws IOException {
    Assumptions.assumeTrue(MegatronPython.available(), "needs python3 on PATH");
    Dataset<Row> tokens = tokenFrame(3).withColumn("order", functions.col("id"));
    Path out = tmp.resolve("py");
    ShardOutput.write(tokens, "order", out, ShardFormat.MEGATRON, Long.MAX_VALUE / 2, stage.tokenizerId(),
        stage.vocabSize());
    List<List<Integer>> seqs = MegatronPython.read(out.resolve("shard_00000_text_document"));
    // One shard, documents in id order (ids are hex, so string order = byte order).
    List<Document> byId = new ArrayList<>(docs);
    byId.sort((a, b) -> a.id().compareTo(b.id()));
    assertEquals(byId.size(), seqs.size());
    try (Tokenizer tok = Tokenizers.open(Tokenizers.DEFAULT_SPEC)) {
      for (int i = 0; i < byId.size(); i++) {
        int[] expected = TokenizeStage.tokens(tok, byId.get(i).text(), false, true);
        assertEquals(expected.length, seqs.get(i).size());
        for (int j = 0; j < expected.length; j++) {
          assertEquals(expected[j], seqs.get(i).get(j));
        }
      }
    }
  }

  @Test
  void datatroveAndParquetShardsIdenticalForAnyPartitionCount() throws IOException {
    for (ShardFormat f : new ShardFormat[] {ShardFormat.DATATROVE, ShardFormat.PARQUET}) {
      Map<String, String> h1 = shardHashes(f, 1, 100_000, tmp.resolve(f.value() + "1"));
      Map<String, String> h7 = shardHashes(f, 7, 100_000, tmp.resolve(f.value() + "7"));
      assertTrue(h1.size() >= 2, f + " shards: " + h1.keySet());
      assertEquals(h1, h7, f.value());
    }
    try (Tokenizer tok = Tokenizers.open(Tokenizers.DEFAULT_SPEC)) {
      ShardVerifier.Result ok = ShardVerifier.verify(tmp.resolve("datatrove7"), tok, 1.0, 1);
      assertTrue(ok.ok(), ok.toString());
      assertEquals(docs.size(), ok.sampled());
    }
    ShardManifest m = ShardManifest.read(tmp.resolve("parquet1/manifest.json"));
    Dataset<Row> back = spark.read().parquet(tmp.resolve("parquet1").resolve("shard_00000.parquet").toString());
    assertEquals(m.shards().get(0).documents(), back.count());
  }

  @Test
  void spmTrainerIsDeterministicAndGivesAWorkingModel() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/spm_train")),
        "spm_train not found: install Debian package sentencepiece");
    Dataset<Row> frame = docFrame(3);
    Path a = SpmTrainer.train(spark, frame, 500, "unigram", tmp.resolve("a/m"), 7, 0.5, 100_000);
    Path b = SpmTrainer.train(spark, docFrame(5), 500, "unigram", tmp.resolve("b/m"), 7, 0.5, 100_000);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same sample + settings = same model bytes");
    // Roughly half the documents (seeded hash of id): the sample file has fewer lines than all documents.
    long all = docs.stream().mapToLong(d -> d.text().lines().filter(l -> !l.isBlank()).count()).sum();
    long sampled = Files.readAllLines(tmp.resolve("a/m.train.txt")).size();
    assertTrue(sampled > all / 5 && sampled < all, sampled + " of " + all);
    try (Tokenizer t = Tokenizers.open("spm:" + a)) {
      assertEquals(500, t.vocabSize());
      String text = "Fellow-Citizens of the Senate and House of Representatives";
      assertEquals(text, t.decode(t.encode(text)));
    }
  }

  @Test
  void refusesAFolderWithAManifest() throws IOException {
    Path out = tmp.resolve("again");
    Files.createDirectories(out);
    Files.writeString(out.resolve(ShardManifest.FILE_NAME), "{}");
    assertThrows(IllegalArgumentException.class, () -> ShardOutput.write(
        tokenFrame(1), "id", out, ShardFormat.MEGATRON, 1000, stage.tokenizerId(), stage.vocabSize()));
  }

  /** Runs tokenize/src/test/python/read_megatron.py, falling back to a Java reader when python3 is absent. */
  static final class MegatronPython {
    static boolean available() {
      try {
        return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }

    static List<List<Integer>> read(Path prefix) throws IOException {
      Assumptions.assumeTrue(available(), "needs python3 on PATH to run read_megatron.py");
      Path script = Path.of(System.getProperty("kiln.root", "..")).resolve(
          "tokenize/src/test/python/read_megatron.py");
      if (!Files.exists(script)) {
        script = Path.of("src/test/python/read_megatron.py");
      }
      Process p = new ProcessBuilder("python3", script.toString(), "--json", prefix.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      byte[] out = p.getInputStream().readAllBytes();
      try {
        assertEquals(0, p.waitFor(), "read_megatron.py exit code");
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      List<List<Integer>> seqs = new ArrayList<>();
      for (var node : new ObjectMapper().readTree(out)) {
        List<Integer> s = new ArrayList<>();
        node.forEach(v -> s.add(v.asInt()));
        seqs.add(s);
      }
      return seqs;
    }
  }
}

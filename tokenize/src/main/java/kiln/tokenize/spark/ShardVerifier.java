package kiln.tokenize.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.tokenize.TokenDtype;
import kiln.tokenize.TokenShardReader;
import kiln.tokenize.Tokenizer;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Checks a shard folder written by {@link ShardOutput} ({@code kiln tokenize --verify}):
 * <ol>
 *   <li>every file in {@code manifest.json} exists with the recorded size and sha256;</li>
 *   <li>Megatron/datatrove shards parse, and their document and token counts equal the manifest's;</li>
 *   <li>a deterministic sample of documents (document {@code k} of shard {@code s} when
 *       {@code murmur3_32(seed, s, k) mod 2^20 < fraction·2^20}, BOS/EOD removed) decodes to text that
 *       survives another encode/decode unchanged: {@code decode(encode(decode(ids))) == decode(ids)}. This
 *       catches wrong tokenizers, dtype or offset errors (garbage ids decode to text that re-encodes
 *       differently, or fail), while allowing for SentencePiece normalization (NFKC, whitespace folding) that
 *       makes {@code decode(encode(text)) != text} by design, and for re-segmentation ties (ids are encoded
 *       line by line, the decoded text is one line).</li>
 * </ol>
 * Parquet shards get checks 1 only. Runs on the driver; shards are read sequentially.
 * {@link #compareWithSource} additionally compares a sample with the tokens dataset the shards came from.
 */
public final class ShardVerifier {
  private ShardVerifier() {}

  /** Outcome: problems found (empty = all good) and sample counts. */
  public record Result(int files, long documents, long tokens, long sampled, long roundTripMatches,
                       long roundTripMismatches, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty() && roundTripMismatches == 0;
    }
  }

  public static Result verify(Path dir, Tokenizer tok, double fraction, long seed) throws IOException {
    ShardManifest m = ShardManifest.read(dir.resolve(ShardManifest.FILE_NAME));
    List<String> problems = new ArrayList<>();
    if (!m.tokenizer().equals(tok.id())) {
      problems.add("manifest tokenizer " + m.tokenizer() + " but verifying with " + tok.id());
    }
    int files = 0;
    long[] counts = new long[4]; // documents, tokens, matches, mismatches
    long[] sampled = new long[1];
    long threshold = (long) Math.ceil(fraction * (1 << 20));
    for (ShardManifest.Shard s : m.shards()) {
      for (Map.Entry<String, ShardManifest.FileEntry> f : s.files().entrySet()) {
        files++;
        Path p = dir.resolve(f.getKey());
        if (!Files.isRegularFile(p)) {
          problems.add(f.getKey() + ": missing");
        } else if (Files.size(p) != f.getValue().bytes()) {
          problems.add(f.getKey() + ": " + Files.size(p) + " bytes, manifest says " + f.getValue().bytes());
        } else if (!ShardOutput.sha256(p).equals(f.getValue().sha256())) {
          problems.add(f.getKey() + ": sha256 differs from manifest");
        }
      }
      if (!problems.isEmpty() || m.format().equals(ShardFormat.PARQUET.value())) {
        continue;
      }
      long[] shardDocs = {0, 0};
      java.util.function.ObjIntConsumer<int[]> each = (ids, k) -> {
        shardDocs[0]++;
        shardDocs[1] += ids.length;
        int h = MurmurHash3.hash32x86(longBytes(s.index(), k), 0, 16, (int) seed);
        if (Integer.toUnsignedLong(h) % (1 << 20) < threshold) {
          sampled[0]++;
          boolean same;
          try {
            String text = tok.decode(strip(ids, tok));
            same = text.equals(tok.decode(tok.encode(text)));
          } catch (IllegalArgumentException e) { // an id outside the vocabulary
            same = false;
          }
          counts[same ? 2 : 3]++;
        }
      };
      try {
        if (m.format().equals(ShardFormat.MEGATRON.value())) {
          TokenShardReader.readMegatron(dir.resolve(s.name() + "_text_document"), each);
        } else {
          TokenShardReader.readDatatrove(dir.resolve(s.name() + ".ds"),
              m.dtype().equals("uint16") ? TokenDtype.UINT16 : TokenDtype.INT32, each);
        }
      } catch (IOException e) {
        problems.add(s.name() + ": " + e.getMessage());
        continue;
      }
      if (shardDocs[0] != s.documents() || shardDocs[1] != s.tokens()) {
        problems.add(s.name() + ": " + shardDocs[0] + " documents / " + shardDocs[1] + " tokens, manifest says "
            + s.documents() + " / " + s.tokens());
      }
      counts[0] += shardDocs[0];
      counts[1] += shardDocs[1];
    }
    return new Result(files, counts[0], counts[1], sampled[0], counts[2], counts[3], List.copyOf(problems));
  }

  /** Outcome of {@link #compareWithSource}. */
  public record SourceCheck(long sourceDocuments, long shardDocuments, long sampled, long matches,
                            long mismatches) {
    public boolean ok() {
      return sourceDocuments == shardDocuments && mismatches == 0;
    }
  }

  /**
   * Compares the shards in {@code dir} with the tokens dataset they were written from ({@code id}, {@code tokens}
   * and the same {@code orderColumn} given to {@link ShardOutput#write}): the source is sorted by
   * {@code (order, id)} like the writer does and numbered (after a local checkpoint, so numbering and sort see
   * the same partitions); documents whose global position {@code g} has
   * {@code murmur3_32(seed; g) mod 2^20 < fraction·2^20} are collected (only the sample reaches the driver) and
   * compared id for id with the document at position {@code g} of the shards, read in shard order.
   * Megatron and datatrove shards only.
   */
  public static SourceCheck compareWithSource(Dataset<Row> tokens, String orderColumn, Path dir, double fraction,
                                              long seed) throws IOException {
    ShardManifest m = ShardManifest.read(dir.resolve(ShardManifest.FILE_NAME));
    if (m.format().equals(ShardFormat.PARQUET.value())) {
      throw new IllegalArgumentException("compareWithSource reads megatron or datatrove shards, not parquet");
    }
    long threshold = (long) Math.ceil(fraction * (1 << 20));
    int s = (int) seed;
    Dataset<Row> sorted = tokens.select(tokens.col(orderColumn).as("k"), tokens.col(Columns.ID),
        tokens.col(Columns.TOKENS)).sort("k", Columns.ID).localCheckpoint(true);
    JavaPairRDD<Row, Long> numbered = sorted.javaRDD().zipWithIndex();
    long sourceDocs = sorted.count();
    Map<Long, int[]> sample = new TreeMap<>(numbered
        .filter(t -> inSample(t._2(), s, threshold))
        .mapToPair(t -> {
          List<Integer> l = t._1().getList(2);
          int[] a = new int[l.size()];
          for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
          }
          return new Tuple2<>(t._2(), a);
        }).collectAsMap());
    long[] c = new long[3]; // global position, matches, mismatches
    for (ShardManifest.Shard sh : m.shards()) {
      java.util.function.ObjIntConsumer<int[]> each = (ids, k) -> {
        int[] expected = sample.get(c[0]++);
        if (expected != null) {
          c[Arrays.equals(expected, ids) ? 1 : 2]++;
        }
      };
      if (m.format().equals(ShardFormat.MEGATRON.value())) {
        TokenShardReader.readMegatron(dir.resolve(sh.name() + "_text_document"), each);
      } else {
        TokenShardReader.readDatatrove(dir.resolve(sh.name() + ".ds"),
            m.dtype().equals("uint16") ? TokenDtype.UINT16 : TokenDtype.INT32, each);
      }
    }
    long unmatched = sample.keySet().stream().filter(g -> g >= c[0]).count();
    return new SourceCheck(sourceDocs, c[0], sample.size(), c[1], c[2] + unmatched);
  }

  static boolean inSample(long position, int seed, long threshold) {
    int h = MurmurHash3.hash32x86(java.nio.ByteBuffer.allocate(8).putLong(position).array(), 0, 8, seed);
    return Integer.toUnsignedLong(h) % (1 << 20) < threshold;
  }

  private static byte[] longBytes(long a, long b) {
    return java.nio.ByteBuffer.allocate(16).putLong(a).putLong(b).array();
  }

  private static int[] strip(int[] ids, Tokenizer tok) {
    int from = ids.length > 0 && tok.bosId() >= 0 && ids[0] == tok.bosId() ? 1 : 0;
    int to = ids.length > from && tok.eodId() >= 0 && ids[ids.length - 1] == tok.eodId() ? ids.length - 1
        : ids.length;
    return Arrays.copyOfRange(ids, from, to);
  }
}

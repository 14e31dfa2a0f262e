package kiln.tokenize.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import kiln.core.fs.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a shard folder: what each shard holds and the sha256 of each file, so a trainer or
 * {@code kiln tokenize --verify} can check a copy. Keys are written sorted; the file depends only on the shards.
 *
 * @param format {@code megatron}, {@code datatrove} or {@code parquet}
 * @param tokenizer {@link kiln.tokenize.Tokenizer#id()}
 * @param vocabSize the tokenizer's vocabulary size
 * @param dtype token width on disk ({@code uint16} / {@code int32}; {@code int32} for parquet)
 * @param shardTokens the shard size target in tokens
 * @param documents total documents
 * @param tokens total tokens
 * @param shards one entry per shard, in order
 */
public record ShardManifest(String format, String tokenizer, @JsonProperty("vocab_size") int vocabSize,
                            String dtype, @JsonProperty("shard_tokens") long shardTokens, long documents,
                            long tokens, List<Shard> shards) {
  public static final String FILE_NAME = "manifest.json";

  /** One shard: its base name, counts and files (name → size and sha256). */
  public record Shard(int index, String name, long documents, long tokens, Map<String, FileEntry> files)
      implements java.io.Serializable {}

  /** A file's size in bytes and its sha256 (hex). */
  public record FileEntry(long bytes, String sha256) implements java.io.Serializable {}

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  public void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }

  /** Writes atomically to a plain path or a URI of any Hadoop file system. */
  public void write(Configuration conf, String file) throws IOException {
    HadoopFiles.write(conf, file, JSON.writeValueAsBytes(this));
  }

  public static ShardManifest read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), ShardManifest.class);
  }

  /** Reads from a plain path or a URI of any Hadoop file system. */
  public static ShardManifest read(Configuration conf, String file) throws IOException {
    try (java.io.InputStream in = HadoopFiles.open(conf, file)) {
      return JSON.readValue(in, ShardManifest.class);
    }
  }
}

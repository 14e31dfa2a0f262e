package kiln.tokenize.spark;

import java.util.Locale;

/** Shard file formats {@link ShardOutput} writes. */
public enum ShardFormat {
  /** Megatron-LM {@code shard_NNNNN_text_document.bin/.idx}. */
  MEGATRON,
  /** datatrove {@code shard_NNNNN.ds/.ds.index/.ds.metadata}. */
  DATATROVE,
  /** Parquet {@code shard_NNNNN.parquet} with columns {@code id STRING, tokens ARRAY<INT>}. */
  PARQUET;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ShardFormat of(String s) {
    for (ShardFormat f : values()) {
      if (f.value().equals(s)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown shard format '" + s + "' (expected megatron|datatrove|parquet)");
  }
}

package kiln.core.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one stage did, written as {@code OUT/_stats.json}. Invariant: {@code docs_in == docs_kept + docs_rejected}
 * (checked on construction, so a stage that would lose documents fails loudly instead).
 *
 * @param extra stage-specific numbers (tokens, clusters, ...), sorted by key
 */
public record StageStats(
    @JsonProperty("stage") String stage,
    @JsonProperty("docs_in") long docsIn,
    @JsonProperty("docs_kept") long docsKept,
    @JsonProperty("docs_rejected") long docsRejected,
    @JsonProperty("bytes_in") long bytesIn,
    @JsonProperty("bytes_kept") long bytesKept,
    @JsonProperty("reasons") Map<String, Long> reasons,
    @JsonProperty("wall_seconds") double wallSeconds,
    @JsonProperty("extra") Map<String, Object> extra) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public StageStats {
    reasons = reasons == null ? Map.of() : new TreeMap<>(reasons);
    extra = extra == null ? Map.of() : new TreeMap<>(extra);
    if (docsIn != docsKept + docsRejected) {
      throw new IllegalStateException("stage " + stage + " lost documents: in=" + docsIn + " kept=" + docsKept
          + " rejected=" + docsRejected);
    }
    long byReason = reasons.values().stream().mapToLong(Long::longValue).sum();
    if (byReason != docsRejected) {
      throw new IllegalStateException("stage " + stage + ": reasons add up to " + byReason + ", rejected=" + docsRejected);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static StageStats fromJson(String json) {
    try {
      return JSON.readValue(json, StageStats.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

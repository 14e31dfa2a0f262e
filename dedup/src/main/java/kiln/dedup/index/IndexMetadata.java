package kiln.dedup.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import kiln.dedup.minhash.MinHashConfig;

/**
 * The {@code _index.json} of a persisted dedup index: what its rows were computed with, so that a run whose
 * hashes would not be comparable is refused instead of silently matching nothing.
 *
 * <p>Written once, when the index is created, and never changed afterwards (runs are found by listing the
 * folder, so appending needs no read-modify-write of this file).
 *
 * @param version  {@link #VERSION}: the normaliser, exact hash and shingle hashing of this code
 * @param minhash  the MinHash parameters of the stored band keys, or null for an exact-only index; only
 *                 ngrams, bands, rows, seed and char_shingles are stored, since verify and threshold apply at
 *                 query time
 * @param shingles whether rows carry their shingle sets (needed by {@code minhash.verify}); set at creation
 *                 from {@code minhash.verify}
 */
public record IndexMetadata(int version, MinHashConfig minhash, boolean shingles) {
  /** File name, next to the {@code run-*} folders. */
  public static final String FILE = "_index.json";
  public static final String FORMAT = "kiln-dedup-index";
  /** Bump when TextNormalizer, ExactHash, Shingles, MinHashSignatures or LshBands change their output. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public IndexMetadata {
    if (minhash != null && !minhash.enabled()) {
      throw new IllegalArgumentException("minhash must be null or enabled");
    }
    if (shingles && minhash == null) {
      throw new IllegalArgumentException("shingles needs minhash");
    }
  }

  /** The metadata of a new index built by a run with {@code run}'s MinHash settings. */
  public static IndexMetadata of(MinHashConfig run) {
    return run.enabled() ? new IndexMetadata(VERSION, normalise(run), run.verify())
        : new IndexMetadata(VERSION, null, false);
  }

  /** Only the parameters that make band keys comparable; verify and threshold are per run. */
  private static MinHashConfig normalise(MinHashConfig m) {
    return new MinHashConfig(true, m.ngrams(), m.bands(), m.rows(), m.seed(), m.charShingles(),
        MinHashConfig.DEFAULT_VERIFY, MinHashConfig.DEFAULT_THRESHOLD);
  }

  /** Why a run with {@code run}'s MinHash settings cannot use this index, or null when it can. */
  public String incompatibility(MinHashConfig run) {
    if (version != VERSION) {
      return "index format version " + version + ", this build reads version " + VERSION;
    }
    if (minhash == null && run.enabled()) {
      return "index was built without MinHash (exact hashes only), this run has minhash.enabled: true";
    }
    if (minhash != null && !run.enabled()) {
      return "index was built with MinHash " + minhash.slug() + ", this run has minhash.enabled: false";
    }
    if (minhash != null && !minhash.slug().equals(run.slug())) {
      return "index was built with MinHash " + minhash.slug() + " (ngrams " + minhash.ngrams() + ", bands "
          + minhash.bands() + ", rows " + minhash.rows() + ", seed " + minhash.seed() + ", char_shingles "
          + minhash.charShingles() + "), this run uses " + run.slug() + "; band keys are not comparable";
    }
    if (run.enabled() && run.verify() && !shingles) {
      return "index holds no shingle sets (it was created with minhash.verify: false), this run has "
          + "minhash.verify: true";
    }
    return null;
  }

  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("version", version);
    if (minhash == null) {
      o.putNull("minhash");
    } else {
      ObjectNode m = o.putObject("minhash");
      m.put("ngrams", minhash.ngrams());
      m.put("bands", minhash.bands());
      m.put("rows", minhash.rows());
      m.put("seed", minhash.seed());
      m.put("char_shingles", minhash.charShingles());
      m.put("slug", minhash.slug());
    }
    o.put("shingles", shingles);
    try {
      return JSON.writeValueAsString(o) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@code json}; {@code where} names the file in errors. */
  public static IndexMetadata parse(String json, String where) {
    try {
      JsonNode o = JSON.readTree(json);
      if (o == null || !o.isObject() || !FORMAT.equals(o.path("format").asText())) {
        throw new IllegalArgumentException(where + ": not a Kiln dedup index (format is not '" + FORMAT + "')");
      }
      JsonNode m = o.path("minhash");
      MinHashConfig mh = null;
      if (m.isObject()) {
        mh = new MinHashConfig(true, required(m, "ngrams", where).asInt(), required(m, "bands", where).asInt(),
            required(m, "rows", where).asInt(), required(m, "seed", where).asLong(),
            required(m, "char_shingles", where).asBoolean(), MinHashConfig.DEFAULT_VERIFY,
            MinHashConfig.DEFAULT_THRESHOLD);
      } else if (!m.isNull()) {
        throw new IllegalArgumentException(where + ": 'minhash' must be a mapping or null");
      }
      return new IndexMetadata(required(o, "version", where).asInt(), mh, required(o, "shingles", where).asBoolean());
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode o, String key, String where) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(where + ": missing '" + key + "'");
    }
    return v;
  }
}

package kiln.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import kiln.core.config.ConfigNode;
import kiln.dedup.minhash.MinHashConfig;

/**
 * Configuration of the dedup stage. Keys (all optional):
 * <pre>
 * exact: true                 # exact dedup on the hash of the normalised text
 * url: false                  # or {enabled: true, date_key: warc_date}: one document per URL, newest capture
 * minhash: {enabled, ngrams, bands, rows, seed, char_shingles, verify, threshold}
 * survivor: smallest_id       # smallest_id | longest | quality_score
 * quality_key: quality_score  # meta key read by survivor: quality_score
 * lines: {enabled: false, min_count: 3, min_chars: 1}   # drop lines seen at least min_count times
 * index: ...                 # reserved for cross-run dedup against a persisted index; refused for now
 * </pre>
 */
public record DedupConfig(boolean exact, boolean url, String urlDateKey, MinHashConfig minhash, Survivor survivor,
                          String qualityKey, LineDedupConfig lines, String indexPath, boolean indexUpdate)
    implements java.io.Serializable {

  public static final boolean DEFAULT_EXACT = true;
  public static final boolean DEFAULT_URL = false;
  public static final String DEFAULT_URL_DATE_KEY = "warc_date";
  public static final Survivor DEFAULT_SURVIVOR = Survivor.SMALLEST_ID;
  public static final String DEFAULT_QUALITY_KEY = "quality_score";

  /** Which member of a duplicate cluster is kept; ties always fall back to the smallest id. */
  public enum Survivor {
    /** Lexicographically smallest id. */
    SMALLEST_ID,
    /** Most UTF-8 bytes of text. */
    LONGEST,
    /** Highest {@code meta[quality_key]} parsed as a number; missing or unparsable ranks last. */
    QUALITY_SCORE;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Line-level exact dedup (C4 / cc_net style).
   *
   * @param enabled  run it
   * @param minCount a line whose normalised hash occurs at least this often in the corpus is removed from
   *                 every document
   * @param minChars lines shorter than this (after normalisation) are never removed
   */
  public record LineDedupConfig(boolean enabled, int minCount, int minChars) implements java.io.Serializable {
    public static final int DEFAULT_MIN_COUNT = 3;
    public static final int DEFAULT_MIN_CHARS = 1;
    public static final LineDedupConfig DISABLED = new LineDedupConfig(false, DEFAULT_MIN_COUNT, DEFAULT_MIN_CHARS);

    public LineDedupConfig {
      if (minCount < 2) {
        throw new IllegalArgumentException("min_count must be >= 2, got " + minCount);
      }
      if (minChars < 0) {
        throw new IllegalArgumentException("min_chars must be >= 0, got " + minChars);
      }
    }

    static LineDedupConfig fromConfig(ConfigNode c) {
      LineDedupConfig l = new LineDedupConfig(c.bool("enabled", true),
          (int) c.integer("min_count", DEFAULT_MIN_COUNT, 2, Integer.MAX_VALUE),
          (int) c.integer("min_chars", DEFAULT_MIN_CHARS, 0, Integer.MAX_VALUE));
      c.rejectUnknown();
      return l;
    }
  }

  public static final DedupConfig DEFAULTS = new DedupConfig(DEFAULT_EXACT, DEFAULT_URL, DEFAULT_URL_DATE_KEY,
      MinHashConfig.DEFAULTS, DEFAULT_SURVIVOR, DEFAULT_QUALITY_KEY, LineDedupConfig.DISABLED, null, false);

  public DedupConfig {
    if (minhash == null) {
      throw new IllegalArgumentException("minhash must not be null");
    }
    if (survivor == null) {
      throw new IllegalArgumentException("survivor must not be null");
    }
    if (urlDateKey == null || urlDateKey.isEmpty()) {
      throw new IllegalArgumentException("url date_key must not be empty");
    }
    if (qualityKey == null || qualityKey.isEmpty()) {
      throw new IllegalArgumentException("quality_key must not be empty");
    }
    if (lines == null) {
      throw new IllegalArgumentException("lines must not be null");
    }
  }

  /** Reads a stage config mapping; unknown or malformed keys fail with a ConfigException naming the key. */
  public static DedupConfig fromConfig(ConfigNode c) {
    boolean exact = c.bool("exact", DEFAULT_EXACT);
    boolean url = DEFAULT_URL;
    String dateKey = DEFAULT_URL_DATE_KEY;
    JsonNode u = c.raw().get("url");
    if (u != null && u.isObject()) {
      ConfigNode uc = c.child("url");
      url = uc.bool("enabled", true);
      dateKey = uc.string("date_key", DEFAULT_URL_DATE_KEY);
      if (dateKey.isEmpty()) {
        throw uc.error("date_key", "must not be empty");
      }
      uc.rejectUnknown();
    } else {
      url = c.bool("url", DEFAULT_URL);
    }
    JsonNode m = c.raw().get("minhash");
    MinHashConfig minhash;
    if (m != null && m.isBoolean()) {
      minhash = MinHashConfig.defaults(c.bool("minhash", true));
    } else {
      minhash = MinHashConfig.fromConfig(c.childOrEmpty("minhash"));
    }
    String s = c.choice("survivor", DEFAULT_SURVIVOR.key(), "smallest_id", "longest", "quality_score");
    Survivor survivor = Survivor.valueOf(s.toUpperCase(Locale.ROOT));
    String qualityKey = c.string("quality_key", DEFAULT_QUALITY_KEY);
    if (qualityKey.isEmpty()) {
      throw c.error("quality_key", "must not be empty");
    }
    LineDedupConfig lines = LineDedupConfig.DISABLED;
    if (c.has("lines")) {
      lines = LineDedupConfig.fromConfig(c.child("lines"));
    } else {
      c.childOrEmpty("lines");
    }
    if (c.has("index")) {
      // Parsed so that the key is reserved, refused so that it is never silently ignored.
      throw c.error("index", "incremental dedup against a persisted signature index is not implemented yet");
    }
    c.childOrEmpty("index");
    String indexPath = null;
    boolean indexUpdate = false;
    c.rejectUnknown();
    if (indexPath != null && !minhash.enabled()) {
      throw c.error("index", "needs minhash.enabled: true (the index holds MinHash band keys)");
    }
    return new DedupConfig(exact, url, dateKey, minhash, survivor, qualityKey, lines, indexPath, indexUpdate);
  }
}

package kiln.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import kiln.core.config.ConfigNode;
import kiln.dedup.exact.SentenceSpans;
import kiln.dedup.index.IndexMetadata;
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
 * sentence_spans: {enabled: false, n_sentences: 3, min_doc_words: 50, min_num_sentences: 3}
 * index: {path: DIR, update: false}   # dedup against (and optionally append to) a persisted index
 * </pre>
 */
public record DedupConfig(boolean exact, boolean url, String urlDateKey, MinHashConfig minhash, Survivor survivor,
                          String qualityKey, LineDedupConfig lines, SentenceSpanConfig sentenceSpans,
                          IndexConfig index)
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

  /**
   * C4's three-sentence-span dedup ({@link SentenceSpans}): every span of {@code nSentences} consecutive
   * sentences is kept only at its first occurrence in the corpus (smallest document id, then position) and
   * its sentences are removed from every later occurrence. A document that lost sentences and is left with
   * fewer than {@code minDocWords} words or fewer than {@code minNumSentences} sentences is rejected, as in
   * datatrove's {@code SentenceDedupFilter}; documents that lost nothing are never rejected here.
   */
  public record SentenceSpanConfig(boolean enabled, int nSentences, int minDocWords, int minNumSentences)
      implements java.io.Serializable {
    public static final int DEFAULT_N_SENTENCES = SentenceSpans.DEFAULT_N_SENTENCES;
    public static final int DEFAULT_MIN_DOC_WORDS = 50;
    public static final int DEFAULT_MIN_NUM_SENTENCES = 3;
    public static final SentenceSpanConfig DISABLED = new SentenceSpanConfig(false, DEFAULT_N_SENTENCES,
        DEFAULT_MIN_DOC_WORDS, DEFAULT_MIN_NUM_SENTENCES);

    public SentenceSpanConfig {
      if (nSentences < 1) {
        throw new IllegalArgumentException("n_sentences must be >= 1, got " + nSentences);
      }
      if (minDocWords < 0) {
        throw new IllegalArgumentException("min_doc_words must be >= 0, got " + minDocWords);
      }
      if (minNumSentences < 0) {
        throw new IllegalArgumentException("min_num_sentences must be >= 0, got " + minNumSentences);
      }
    }

    static SentenceSpanConfig fromConfig(ConfigNode c) {
      SentenceSpanConfig s = new SentenceSpanConfig(c.bool("enabled", true),
          (int) c.integer("n_sentences", DEFAULT_N_SENTENCES, 1, 1000),
          (int) c.integer("min_doc_words", DEFAULT_MIN_DOC_WORDS, 0, Integer.MAX_VALUE),
          (int) c.integer("min_num_sentences", DEFAULT_MIN_NUM_SENTENCES, 0, Integer.MAX_VALUE));
      c.rejectUnknown();
      return s;
    }
  }

  /**
   * A persisted index of earlier runs' kept documents (exact hash, MinHash band keys, optionally shingle
   * sets; see {@code kiln.dedup.spark.SignatureIndex}). New documents that duplicate an indexed one are
   * rejected; indexed documents are never touched.
   *
   * @param path   the index folder: a Hadoop path ({@code hdfs://}, {@code s3a://}, {@code file:}) or a local
   *               one; a relative local path was resolved against the config file's folder
   * @param update append this run's kept documents to the index (creating it when missing)
   */
  public record IndexConfig(String path, boolean update) implements java.io.Serializable {
    public static final boolean DEFAULT_UPDATE = false;

    public IndexConfig {
      if (path == null || path.isEmpty()) {
        throw new IllegalArgumentException("index path must not be empty");
      }
    }

    static IndexConfig fromConfig(ConfigNode c, MinHashConfig minhash) {
      String raw = c.string("path");
      if (raw.isEmpty()) {
        throw c.error("path", "must not be empty");
      }
      boolean update = c.bool("update", DEFAULT_UPDATE);
      c.rejectUnknown();
      String path = resolve(raw, c.file());
      String problem = checkLocal(path, update, minhash);
      if (problem != null) {
        throw c.error("path", problem);
      }
      return new IndexConfig(path, update);
    }

    /** Has a URI scheme ({@code hdfs://}, {@code file:/}); a Windows drive letter is not one. */
    static boolean hasScheme(String p) {
      return p.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    }

    /** A relative local path resolves against the folder of the config file, when there is one. */
    static String resolve(String p, String configFile) {
      if (hasScheme(p) || Path.of(p).isAbsolute() || configFile == null) {
        return p;
      }
      Path f = Path.of(configFile);
      if (!Files.isRegularFile(f) || f.toAbsolutePath().getParent() == null) {
        return p;
      }
      return f.toAbsolutePath().getParent().resolve(p).normalize().toString();
    }

    /**
     * For a local path, the problem that would stop the run, or null. Other file systems are checked when the
     * stage starts ({@code SignatureIndex.open}), with the same rules.
     */
    static String checkLocal(String path, boolean update, MinHashConfig minhash) {
      try {
        Path dir;
        if (path.startsWith("file:")) {
          dir = Path.of(java.net.URI.create(path));
        } else if (hasScheme(path)) {
          return null;
        } else {
          dir = Path.of(path);
        }
        if (!Files.exists(dir)) {
          return update ? null : "no index at " + path + " (an index is created by a run with index.update: true)";
        }
        if (!Files.isDirectory(dir)) {
          return path + " is not a folder";
        }
        Path meta = dir.resolve(IndexMetadata.FILE);
        if (!Files.isRegularFile(meta)) {
          try (Stream<Path> entries = Files.list(dir)) {
            if (update && entries.findAny().isEmpty()) {
              return null;
            }
          }
          return path + " is not a dedup index: it has no " + IndexMetadata.FILE;
        }
        String why = IndexMetadata.parse(Files.readString(meta, StandardCharsets.UTF_8), meta.toString())
            .incompatibility(minhash);
        return why == null ? null : "index " + path + " cannot be used: " + why;
      } catch (IOException e) {
        return "cannot read index " + path + ": " + e.getMessage();
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
  }

  public static final DedupConfig DEFAULTS = new DedupConfig(DEFAULT_EXACT, DEFAULT_URL, DEFAULT_URL_DATE_KEY,
      MinHashConfig.DEFAULTS, DEFAULT_SURVIVOR, DEFAULT_QUALITY_KEY, LineDedupConfig.DISABLED,
      SentenceSpanConfig.DISABLED, null);

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
    if (sentenceSpans == null) {
      throw new IllegalArgumentException("sentenceSpans must not be null");
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
    SentenceSpanConfig spans = SentenceSpanConfig.DISABLED;
    if (c.has("sentence_spans")) {
      spans = SentenceSpanConfig.fromConfig(c.child("sentence_spans"));
    } else {
      c.childOrEmpty("sentence_spans");
    }
    IndexConfig index = null;
    if (c.has("index")) {
      index = IndexConfig.fromConfig(c.child("index"), minhash);
    } else {
      c.childOrEmpty("index");
    }
    c.rejectUnknown();
    return new DedupConfig(exact, url, dateKey, minhash, survivor, qualityKey, lines, spans, index);
  }
}

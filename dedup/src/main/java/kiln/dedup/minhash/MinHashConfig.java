package kiln.dedup.minhash;

import kiln.core.config.ConfigNode;

/**
 * Parameters shared by every MinHash step; one instance flows from config to signatures, bands and the
 * persisted index, whose {@code _index.json} records {@link #slug()}'s parameters so that a run with other
 * parameters is refused instead of mixing incomparable band keys.
 *
 * <p>P(pair with Jaccard s becomes a candidate) = 1 - (1 - s^rows)^bands; the threshold where that is 1/2 is
 * about (1/bands)^(1/rows). Defaults are FineWeb's: word 5-grams, 14 bands x 8 rows = 112 hashes, threshold
 * ≈ 0.72, P(0.8) = 0.924.
 *
 * @param enabled     run near-duplicate detection at all
 * @param ngrams      shingle length, in words (or in code points with {@code charShingles})
 * @param bands       number of LSH bands (b)
 * @param rows        hashes per band (r)
 * @param seed        seed of the permutation parameters a, b
 * @param charShingles shingle code points of the normalised text instead of words
 * @param verify      drop candidate edges whose exact shingle Jaccard is below {@code threshold}
 * @param threshold   minimum exact Jaccard of a verified edge, in [0, 1]
 */
public record MinHashConfig(boolean enabled, int ngrams, int bands, int rows, long seed, boolean charShingles,
                            boolean verify, double threshold)
    implements java.io.Serializable {

  public static final boolean DEFAULT_ENABLED = false;
  public static final int DEFAULT_NGRAMS = 5;
  public static final int DEFAULT_BANDS = 14;
  public static final int DEFAULT_ROWS = 8;
  public static final long DEFAULT_SEED = 1;
  public static final boolean DEFAULT_CHAR_SHINGLES = false;
  public static final boolean DEFAULT_VERIFY = false;
  public static final double DEFAULT_THRESHOLD = 0.7;

  public static final MinHashConfig DEFAULTS = new MinHashConfig(DEFAULT_ENABLED, DEFAULT_NGRAMS, DEFAULT_BANDS,
      DEFAULT_ROWS, DEFAULT_SEED, DEFAULT_CHAR_SHINGLES, DEFAULT_VERIFY, DEFAULT_THRESHOLD);

  /** The defaults, switched on or off. */
  public static MinHashConfig defaults(boolean enabled) {
    return new MinHashConfig(enabled, DEFAULT_NGRAMS, DEFAULT_BANDS, DEFAULT_ROWS, DEFAULT_SEED, DEFAULT_CHAR_SHINGLES,
        DEFAULT_VERIFY, DEFAULT_THRESHOLD);
  }

  public MinHashConfig {
    if (ngrams < 1 || ngrams > 1000) {
      throw new IllegalArgumentException("ngrams must be in [1, 1000], got " + ngrams);
    }
    if (bands < 1 || bands > 10_000) {
      throw new IllegalArgumentException("bands must be in [1, 10000], got " + bands);
    }
    if (rows < 1 || rows > 1000) {
      throw new IllegalArgumentException("rows must be in [1, 1000], got " + rows);
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
    }
  }

  /** Reads the {@code minhash} mapping; every problem is a ConfigException naming the key. */
  public static MinHashConfig fromConfig(ConfigNode c) {
    MinHashConfig m = new MinHashConfig(
        c.bool("enabled", DEFAULT_ENABLED),
        (int) c.integer("ngrams", DEFAULT_NGRAMS, 1, 1000),
        (int) c.integer("bands", DEFAULT_BANDS, 1, 10_000),
        (int) c.integer("rows", DEFAULT_ROWS, 1, 1000),
        c.integer("seed", DEFAULT_SEED),
        c.bool("char_shingles", DEFAULT_CHAR_SHINGLES),
        c.bool("verify", DEFAULT_VERIFY),
        c.number("threshold", DEFAULT_THRESHOLD, 0, 1));
    c.rejectUnknown();
    return m;
  }

  public int numHashes() {
    return bands * rows;
  }

  /** P(candidate) for a pair of Jaccard similarity {@code s}: 1 - (1 - s^r)^b. */
  public double detectionProbability(double s) {
    return 1 - Math.pow(1 - Math.pow(s, rows), bands);
  }

  /** Names the parameters that make signatures comparable, e.g. {@code w5_14x8_s1}. */
  public String slug() {
    return (charShingles ? "c" : "w") + ngrams + "_" + bands + "x" + rows + "_s" + seed;
  }
}

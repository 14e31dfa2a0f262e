package kiln.filters.lang;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Out-of-model test for a predicted label: the share of the text's character 5-grams that the label's Lingua
 * 5-gram model has never seen (its {@code language-models/<iso>/fivegrams.json} in the Lingua jar). Text in
 * the language itself reuses the 5-grams of its words; text in a language the label only resembles (Oromo
 * labelled Somali, Scottish Gaelic labelled Irish) brings word shapes the model has never seen. The rate is
 * compared with the label's own texts: {@link #threshold} is the rate that only a small share of correctly
 * labelled Leipzig sentences of that language exceed (the calibration file, see docs/filters.md), so the
 * per-language numbers come from one rule and one global false-alarm rate, not from hand tuning; for texts of
 * paragraph length and more it narrows towards the language's mean rate ({@link #threshold(String, int)}).
 *
 * <p>5-grams are taken inside runs of letters ({@code Character.isLetter}) of the lower-cased text, as Lingua
 * builds its models. A model's 5-grams are kept as sorted 64-bit hashes (~8 bytes each, 0.1–2 MB per
 * language), loaded on first use per language and kept for the JVM. Thread-safe.
 */
public final class NgramNovelty {
  public static final int N = 5;
  /** Fewer 5-grams than this carry too little evidence: no verdict. */
  public static final int MIN_NGRAMS = 5;
  /** Calibration file (classpath resource): {@code lang<TAB>threshold<TAB>sentences}. */
  public static final String THRESHOLDS = "/kiln/filters/lang/ngram-novelty-thresholds.tsv";

  private static final Map<String, long[]> MODELS = new ConcurrentHashMap<>();
  private static final long[] NONE = new long[0];
  private static volatile Map<String, Calibration> defaultThresholds;

  private NgramNovelty() {}

  /** One language's calibration: the sentence-level rate quantile, the mean rate, the median 5-gram count. */
  record Calibration(double threshold, double meanRate, double medianNgrams) {}

  /**
   * The calibrated rate above which a sentence-length text labelled {@code lang} is not taken to be {@code lang}:
   * the file's quantile, but at least the lower quartile of the file's quantiles.
   */
  public static Optional<Double> threshold(String lang) {
    Calibration c = calibrations().get(lang);
    return c == null ? Optional.empty() : Optional.of(Math.max(c.threshold(), floor));
  }

  /**
   * Texts up to this many times the median 5-gram count of the language's calibration sentences (about a
   * paragraph of typical sentences) keep the sentence quantile; see {@link #threshold(String, int)}.
   */
  public static final double NARROW_FROM = 4;

  /**
   * The threshold for a text with {@code k} 5-grams: {@code max(F, m + (q - m) * min(1, sqrt(4 k0 / k)))} with
   * {@code q} the sentence quantile, {@code m} the mean rate and {@code k0} the median 5-gram count of the
   * language's calibration sentences, and {@code F} the floor. The rate of a long text averages over many
   * sentences, so its spread around the language's mean shrinks about as {@code 1/sqrt(k)}, and the same
   * false-alarm quantile sits closer to {@code m}: a page of Oromo labelled Somali, or of a language Lingua
   * lacks labelled as its neighbour, is caught at a rate a single sentence of the label's own language may
   * reach. Narrowing starts only from {@link #NARROW_FROM} times {@code k0}: sentences of one topic share their
   * unseen words, so within a sentence the rate does not average out (with narrowing from {@code k0} on, long
   * Urdu sentences, mean rate 0.26, fell from 0.91 to 0.76 right on the even Leipzig lines).
   */
  public static Optional<Double> threshold(String lang, int ngrams) {
    Calibration c = calibrations().get(lang);
    if (c == null) {
      return Optional.empty();
    }
    double from = NARROW_FROM * c.medianNgrams();
    double shrink = ngrams <= from ? 1 : Math.sqrt(from / ngrams);
    return Optional.of(Math.max(floor, c.meanRate() + (c.threshold() - c.meanRate()) * shrink));
  }

  private static volatile double floor;

  private static Map<String, Calibration> calibrations() {
    Map<String, Calibration> t = defaultThresholds;
    if (t == null) {
      t = readThresholds();
      defaultThresholds = t;
    }
    return t;
  }

  private static synchronized Map<String, Calibration> readThresholds() {
    Map<String, Calibration> out = new HashMap<>();
    try (InputStream in = NgramNovelty.class.getResourceAsStream(THRESHOLDS)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + THRESHOLDS);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        double q = Double.parseDouble(f[1]);
        // lang, quantile, sentences[, mean rate, median 5-grams]; without the last two the threshold is q at
        // every length
        out.put(f[0], f.length >= 5 ? new Calibration(q, Double.parseDouble(f[3]), Double.parseDouble(f[4]))
            : new Calibration(q, q, 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Lingua's models of some languages (lg sn st tn xh yo) have seen every 5-gram of their Leipzig test
    // sentences, so their own quantile is 0 and says nothing about new text: no threshold is stricter than the
    // lower quartile of all languages' quantiles.
    double[] v = out.values().stream().mapToDouble(Calibration::threshold).sorted().toArray();
    floor = v.length == 0 ? 0 : v[v.length / 4];
    return Map.copyOf(out);
  }

  /**
   * Counts of the text's 5-grams: {@code [total, unseen by lang's model]}; {@code null} when Lingua has no
   * 5-gram model for {@code lang}.
   */
  public static int[] counts(String lang, String text) {
    long[] model = model(lang);
    if (model == NONE) {
      return null;
    }
    String t = text.toLowerCase(Locale.ROOT);
    int[] cps = t.codePoints().toArray();
    int total = 0;
    int unseen = 0;
    int run = 0;
    for (int i = 0; i < cps.length; i++) {
      run = Character.isLetter(cps[i]) ? run + 1 : 0;
      if (run >= N) {
        total++;
        if (Arrays.binarySearch(model, hash(cps, i - N + 1, N)) < 0) {
          unseen++;
        }
      }
    }
    return new int[] {total, unseen};
  }

  /**
   * True when the text's unseen-5-gram rate under {@code lang}'s model is above {@code lang}'s threshold for that many 5-grams ({@link #threshold(String, int)}); false when there is no verdict (no model, no threshold, fewer than
   * {@link #MIN_NGRAMS} 5-grams).
   */
  public static boolean novel(String lang, String text) {
    if (!calibrations().containsKey(lang)) {
      return false;
    }
    int[] c = counts(lang, text);
    if (c == null || c[0] < MIN_NGRAMS) {
      return false;
    }
    return (double) c[1] / c[0] > threshold(lang, c[0]).orElseThrow();
  }

  static long hash(int[] cps, int from, int len) {
    // FNV-1a over the code points, then a 64-bit finalizer (murmur3 fmix64): collisions ~n^2/2^64
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < from + len; i++) {
      h ^= cps[i];
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93e82ed5e35L;
    h ^= h >>> 33;
    return h;
  }

  private static long[] model(String lang) {
    return MODELS.computeIfAbsent(lang, NgramNovelty::load);
  }

  /** Reads a Lingua {@code fivegrams.json}: {@code {"language":..,"ngrams":{"p/q":"ng1 ng2 ..",..}}}. */
  private static long[] load(String lang) {
    String res = "/language-models/" + lang + "/fivegrams.json";
    try (InputStream in = NgramNovelty.class.getResourceAsStream(res)) {
      if (in == null) {
        return NONE;
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int start = json.indexOf("\"ngrams\"");
      if (start < 0) {
        throw new IllegalStateException(res + ": no \"ngrams\" object");
      }
      long[] out = new long[1024];
      int n = 0;
      // values are space-separated n-grams of letters, keys are fractions: every second string is a value
      int i = json.indexOf('{', start) + 1;
      boolean value = false;
      while (true) {
        int q = json.indexOf('"', i);
        if (q < 0) {
          break;
        }
        int e = json.indexOf('"', q + 1);
        if (value) {
          int[] cps = json.substring(q + 1, e).codePoints().toArray();
          int w = 0;
          for (int k = 0; k <= cps.length; k++) {
            if (k == cps.length || cps[k] == ' ') {
              if (k - w == N) {
                if (n == out.length) {
                  out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = hash(cps, w, N);
              }
              w = k + 1;
            }
          }
        }
        value = !value;
        i = e + 1;
      }
      long[] m = Arrays.copyOf(out, n);
      Arrays.sort(m);
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lingua model " + res, e);
    }
  }
}

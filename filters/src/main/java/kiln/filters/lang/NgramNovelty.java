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
 * per-language numbers come from one rule and one global false-alarm rate, not from hand tuning.
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
  private static volatile Map<String, Double> defaultThresholds;

  private NgramNovelty() {}

  /**
   * The calibrated rate above which text labelled {@code lang} is not taken to be {@code lang}: the file's value,
   * but at least the lower quartile of the file's values.
   */
  public static Optional<Double> threshold(String lang) {
    Map<String, Double> t = defaultThresholds;
    if (t == null) {
      t = readThresholds();
      defaultThresholds = t;
    }
    return Optional.ofNullable(t.get(lang));
  }

  private static Map<String, Double> readThresholds() {
    Map<String, Double> out = new HashMap<>();
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
        out.put(f[0], Double.parseDouble(f[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Lingua's models of some languages (lg sn st tn xh yo) have seen every 5-gram of their Leipzig test
    // sentences, so their own quantile is 0 and says nothing about new text: no threshold is stricter than the
    // lower quartile of all languages' thresholds.
    double[] v = out.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double floor = v.length == 0 ? 0 : v[v.length / 4];
    out.replaceAll((k, t) -> Math.max(t, floor));
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
   * True when the text's unseen-5-gram rate under {@code lang}'s model is above {@code lang}'s threshold; false when there is no verdict (no model, no threshold, fewer than
   * {@link #MIN_NGRAMS} 5-grams).
   */
  public static boolean novel(String lang, String text) {
    Optional<Double> th = threshold(lang);
    if (th.isEmpty()) {
      return false;
    }
    int[] c = counts(lang, text);
    if (c == null || c[0] < MIN_NGRAMS) {
      return false;
    }
    return (double) c[1] / c[0] > th.get();
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

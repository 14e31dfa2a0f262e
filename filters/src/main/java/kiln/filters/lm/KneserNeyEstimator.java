package kiln.filters.lm;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Interpolated modified Kneser-Ney (Chen &amp; Goodman 1998) from raw n-gram counts, written as a backoff ARPA
 * model the way KenLM's {@code lmplz} writes one. N-grams are words joined by single spaces; every sentence was
 * counted as {@code <s> w1 .. wk </s>}.
 *
 * <ul>
 *   <li>Adjusted counts a: the highest order keeps raw counts; a lower-order n-gram gets its continuation count
 *       (the number of distinct words seen to its left), except one starting with {@code <s>}, which has no
 *       left context and keeps its raw count.</li>
 *   <li>Discounts per order n from the count-of-counts n1..n4 of a: Y = n1/(n1+2 n2), D1 = 1-2Y n2/n1,
 *       D2 = 2-3Y n3/n2, D3+ = 3-4Y n4/n3.</li>
 *   <li>p(w|h) = (a(hw) - D(a(hw))) / Σ_v a(hv) + γ(h) p(w|h'), with γ(h) = (D1 N1(h·) + D2 N2(h·) + D3+
 *       N3+(h·)) / Σ_v a(hv) and h' = h minus its first word; the unigrams interpolate with the uniform
 *       1/|V| over the vocabulary V (the words other than {@code <s>}, plus {@code <unk>}).</li>
 *   <li>ARPA: each seen n-gram gets its interpolated p, each context its γ as backoff; {@code <s>} gets
 *       log10 p = -99 as in lmplz. Then KenLM's backoff rule reproduces the interpolated model exactly.</li>
 * </ul>
 * The whole table lives in memory (driver side).
 */
public final class KneserNeyEstimator {
  /** The discounts of one order. */
  public record Discounts(double d1, double d2, double d3plus) {
    public double of(long count) {
      return count == 0 ? 0 : count == 1 ? d1 : count == 2 ? d2 : d3plus;
    }
  }

  private final int order;
  /** Per order (index 0 = unigrams): n-gram to log10 p. */
  private final List<Map<String, Double>> log10 = new ArrayList<>();
  /** Per order: context n-gram to log10 backoff (γ). */
  private final List<Map<String, Double>> backoff = new ArrayList<>();
  private final List<Discounts> discounts = new ArrayList<>();

  /** {@code raw.get(n-1)}: raw counts of the n-grams of order n, for n = 1..order. */
  public KneserNeyEstimator(List<Map<String, Long>> raw) {
    this.order = raw.size();
    if (order < 1) {
      throw new IllegalArgumentException("order: need counts for at least one order");
    }
    List<Map<String, Long>> adjusted = adjust(raw);
    List<Map<String, Double>> prob = new ArrayList<>();
    Map<String, Long> unigrams = adjusted.get(0);
    long vocab = unigrams.keySet().stream().filter(w -> !w.equals(ArpaModel.BOS)).count()
        + (unigrams.containsKey(ArpaModel.UNK) ? 0 : 1);
    for (int n = 1; n <= order; n++) {
      Map<String, Long> a = adjusted.get(n - 1);
      Discounts d = discounts(n, a);
      discounts.add(d);
      // per context: Σ a, N1, N2, N3+
      Map<String, long[]> ctx = new HashMap<>();
      for (Map.Entry<String, Long> e : a.entrySet()) {
        if (n == 1 && e.getKey().equals(ArpaModel.BOS)) {
          continue;
        }
        long[] s = ctx.computeIfAbsent(context(e.getKey()), k -> new long[4]);
        long c = e.getValue();
        s[0] += c;
        s[(int) Math.min(c, 3)]++;
      }
      Map<String, Double> gamma = new HashMap<>();
      for (Map.Entry<String, long[]> e : ctx.entrySet()) {
        long[] s = e.getValue();
        gamma.put(e.getKey(), (d.d1 * s[1] + d.d2 * s[2] + d.d3plus * s[3]) / s[0]);
      }
      Map<String, Double> p = new HashMap<>();
      for (Map.Entry<String, Long> e : a.entrySet()) {
        String g = e.getKey();
        if (n == 1 && g.equals(ArpaModel.BOS)) {
          continue;
        }
        String h = context(g);
        double lower = n == 1 ? 1.0 / vocab : prob.get(n - 2).get(suffix(g));
        long c = e.getValue();
        p.put(g, (c - d.of(c)) / ctx.get(h)[0] + gamma.get(h) * lower);
      }
      if (n == 1 && !p.containsKey(ArpaModel.UNK)) {
        p.put(ArpaModel.UNK, gamma.get("") / vocab);
      }
      prob.add(p);
      if (n >= 2) {
        Map<String, Double> bo = new HashMap<>();
        gamma.forEach((h, gm) -> bo.put(h, Math.log10(gm)));
        backoff.add(bo);
      }
    }
    backoff.add(Map.of());
    for (Map<String, Double> p : prob) {
      Map<String, Double> l = new HashMap<>();
      p.forEach((g, v) -> l.put(g, Math.log10(v)));
      log10.add(l);
    }
    if (unigrams.containsKey(ArpaModel.BOS)) {
      log10.get(0).put(ArpaModel.BOS, -99.0);
    }
  }

  public int order() {
    return order;
  }

  public Discounts discounts(int n) {
    return discounts.get(n - 1);
  }

  /** log10 p of a seen n-gram (interpolated), or null. */
  public Double log10(String ngram) {
    return log10.get(ngram.split(" ").length - 1).get(ngram);
  }

  /** log10 γ of a context n-gram, or null when nothing follows it. */
  public Double backoff(String ngram) {
    int n = ngram.split(" ").length;
    return n >= order ? null : backoff.get(n - 1).get(ngram);
  }

  /** Adjusted counts (see class comment). */
  static List<Map<String, Long>> adjust(List<Map<String, Long>> raw) {
    int order = raw.size();
    List<Map<String, Long>> out = new ArrayList<>();
    for (int n = 1; n <= order; n++) {
      if (n == order) {
        out.add(raw.get(n - 1));
        continue;
      }
      Map<String, Long> cont = new HashMap<>();
      for (String longer : raw.get(n).keySet()) {
        cont.merge(suffix(longer), 1L, Long::sum);
      }
      Map<String, Long> a = new HashMap<>();
      for (Map.Entry<String, Long> e : raw.get(n - 1).entrySet()) {
        String g = e.getKey();
        boolean bos = g.equals(ArpaModel.BOS) || g.startsWith(ArpaModel.BOS + " ");
        Long c = bos ? e.getValue() : cont.get(g);
        if (c == null) {
          throw new IllegalArgumentException("n-gram '" + g + "' has no left context among the " + (n + 1)
              + "-grams: counts are not from <s>-padded sentences");
        }
        a.put(g, c);
      }
      out.add(a);
    }
    return out;
  }

  /** Chen &amp; Goodman's discounts from the count-of-counts of {@code a} ({@code <s>} left out). */
  static Discounts discounts(int n, Map<String, Long> a) {
    long[] nk = new long[5];
    for (Map.Entry<String, Long> e : a.entrySet()) {
      if (e.getValue() <= 4 && !e.getKey().equals(ArpaModel.BOS)) {
        nk[(int) (long) e.getValue()]++;
      }
    }
    for (int k = 1; k <= 4; k++) {
      if (nk[k] == 0) {
        throw new IllegalArgumentException("order " + n + ": no n-gram has adjusted count " + k
            + ", so modified Kneser-Ney discounts are undefined (corpus too small for this order)");
      }
    }
    double y = (double) nk[1] / (nk[1] + 2.0 * nk[2]);
    Discounts d = new Discounts(1 - 2 * y * nk[2] / nk[1], 2 - 3 * y * nk[3] / nk[2], 3 - 4 * y * nk[4] / nk[3]);
    if (!(d.d1 > 0 && d.d1 < 1 && d.d2 > 0 && d.d2 < 2 && d.d3plus > 0 && d.d3plus < 3)) {
      throw new IllegalArgumentException("order " + n + ": discounts " + d + " out of range (count-of-counts "
          + nk[1] + ", " + nk[2] + ", " + nk[3] + ", " + nk[4] + "); corpus too small for this order");
    }
    return d;
  }

  static String context(String ngram) {
    int sp = ngram.lastIndexOf(' ');
    return sp < 0 ? "" : ngram.substring(0, sp);
  }

  static String suffix(String ngram) {
    int sp = ngram.indexOf(' ');
    return sp < 0 ? "" : ngram.substring(sp + 1);
  }

  /** Writes the model as ARPA text, n-grams sorted, values with 17 significant digits. */
  public void writeArpa(Writer w) throws IOException {
    w.write("\\data\\\n");
    for (int n = 1; n <= order; n++) {
      w.write("ngram " + n + "=" + log10.get(n - 1).size() + "\n");
    }
    for (int n = 1; n <= order; n++) {
      w.write("\n\\" + n + "-grams:\n");
      for (Map.Entry<String, Double> e : new TreeMap<>(log10.get(n - 1)).entrySet()) {
        w.write(Double.toString(e.getValue()));
        w.write('\t');
        w.write(e.getKey());
        Double bo = n < order ? backoff.get(n - 1).get(e.getKey()) : null;
        if (bo != null) {
          w.write('\t');
          w.write(Double.toString(bo));
        }
        w.write('\n');
      }
    }
    w.write("\n\\end\\\n");
  }
}

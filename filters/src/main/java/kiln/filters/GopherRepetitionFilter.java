package kiln.filters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.filters.text.IcuWordSplitter;
import kiln.filters.text.LongCounter;
import kiln.filters.text.PyStr;
import kiln.filters.text.RepeatedNGrams;
import kiln.filters.text.WordCache;
import kiln.filters.text.WordSpans;
import kiln.filters.text.WordSplitter;

/**
 * Gopher repetition rules (Rae et al. 2021, Table A1). Removes a document whose repetition exceeds, in order:
 * {@code dup_para_frac} 0.30, {@code dup_para_char_frac} 0.20, {@code dup_line_frac} 0.30,
 * {@code dup_line_char_frac} 0.20, {@code top_2_gram} 0.20, {@code top_3_gram} 0.18, {@code top_4_gram} 0.16,
 * {@code dup_5_gram} 0.15 ... {@code dup_10_gram} 0.10 (each key is also the rule name; 0 disables).
 *
 * <p><b>Canonical</b> (RedPajama-v2 / DCLM "mask" definition, the paper's wording): text with CRLF/CR
 * normalised to LF; paragraphs = split on blank-line runs, lines = split on LF, both stripped, empty ones
 * dropped. dup_X_frac = extra copies (beyond the first) / count; dup_X_char_frac = code points of extra copies /
 * code points of all non-empty elements. Words = the splitter's words, lower-cased. top_n_gram = chars of the most
 * frequent n-gram (count &gt; 1; ties: most chars, then first seen) × its count / chars of all words, where an
 * n-gram's chars = sum of its words' lengths. dup_n_gram = chars of the words covered by any n-gram occurring more
 * than once (each word counted once) / chars of all words.
 *
 * <p><b>{@code compat: datatrove}</b>: paragraphs = {@code re.split(r"\n{2,}", text.strip())}, lines =
 * {@code re.split("\n+", text)}, extra copies' chars / len(text); words = spaCy English tokens; top n-gram =
 * len(" ".join(gram)) × count / len(text), ties to the first seen; duplicate n-grams: scan left to right joining
 * words with "", on a repeat add its length and skip n words, / len(text).
 */
public final class GopherRepetitionFilter implements DocumentFilter {
  public static final String NAME = "gopher_repetition";
  public static final double DEFAULT_DUP_LINE_FRAC = 0.3;
  public static final double DEFAULT_DUP_PARA_FRAC = 0.3;
  public static final double DEFAULT_DUP_LINE_CHAR_FRAC = 0.2;
  public static final double DEFAULT_DUP_PARA_CHAR_FRAC = 0.2;
  /** Thresholds of top 2-, 3-, 4-gram char fractions. */
  public static final double[] DEFAULT_TOP_N_GRAMS = {0.2, 0.18, 0.16};
  /** Thresholds of duplicate 5..10-gram char fractions. */
  public static final double[] DEFAULT_DUP_N_GRAMS = {0.15, 0.14, 0.13, 0.12, 0.11, 0.10};

  private static final Pattern PARA_DT = Pattern.compile("\n{2,}");
  private static final Pattern LINES_DT = Pattern.compile("\n+");
  private static final Pattern PARA = Pattern.compile("\n\\s*\n");

  private final double dupLineFrac;
  private final double dupParaFrac;
  private final double dupLineCharFrac;
  private final double dupParaCharFrac;
  private final double[] topNGrams;
  private final double[] dupNGrams;
  private final WordSplitter splitter;
  private final Compat compat;

  public GopherRepetitionFilter(double dupLineFrac, double dupParaFrac, double dupLineCharFrac,
                                double dupParaCharFrac, double[] topNGrams, double[] dupNGrams,
                                WordSplitter splitter, Compat compat) {
    if (topNGrams.length != 3) {
      throw new IllegalArgumentException("top_n_grams: need 3 thresholds (n = 2, 3, 4), got " + topNGrams.length);
    }
    if (dupNGrams.length != 6) {
      throw new IllegalArgumentException("dup_n_grams: need 6 thresholds (n = 5..10), got " + dupNGrams.length);
    }
    this.dupLineFrac = dupLineFrac;
    this.dupParaFrac = dupParaFrac;
    this.dupLineCharFrac = dupLineCharFrac;
    this.dupParaCharFrac = dupParaCharFrac;
    this.topNGrams = topNGrams.clone();
    this.dupNGrams = dupNGrams.clone();
    this.splitter = splitter;
    this.compat = compat;
  }

  public static GopherRepetitionFilter defaults(Compat compat) {
    return fromConfig(ConfigNode.parse("compat: " + compat.name().toLowerCase(Locale.ROOT), "defaults"));
  }

  public static GopherRepetitionFilter fromConfig(ConfigNode c) {
    Compat compat = Compat.fromConfig(c);
    String words = c.choice("words", compat == Compat.DATATROVE ? "spacy_en" : "unicode", WordSplitter.NAMES);
    double[] top = new double[3];
    for (int n = 2; n <= 4; n++) {
      top[n - 2] = c.number("top_" + n + "_gram", DEFAULT_TOP_N_GRAMS[n - 2], 0, 1);
    }
    double[] dup = new double[6];
    for (int n = 5; n <= 10; n++) {
      dup[n - 5] = c.number("dup_" + n + "_gram", DEFAULT_DUP_N_GRAMS[n - 5], 0, 1);
    }
    GopherRepetitionFilter f = new GopherRepetitionFilter(
        c.number("dup_line_frac", DEFAULT_DUP_LINE_FRAC, 0, 1),
        c.number("dup_para_frac", DEFAULT_DUP_PARA_FRAC, 0, 1),
        c.number("dup_line_char_frac", DEFAULT_DUP_LINE_CHAR_FRAC, 0, 1),
        c.number("dup_para_char_frac", DEFAULT_DUP_PARA_CHAR_FRAC, 0, 1),
        top, dup, WordSplitter.of(words), compat);
    c.rejectUnknown();
    return f;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult apply(Document d) {
    return compat == Compat.DATATROVE ? applyDatatrove(d.text()) : applyCanonical(d.text());
  }

  /** datatrove's {@code find_duplicates}: {extra elements, code points of extra elements}. */
  static long[] findDuplicates(List<String> xs) {
    Set<String> seen = new HashSet<>();
    long dupElems = 0;
    long dupChars = 0;
    for (String x : xs) {
      if (!seen.add(x)) {
        dupElems++;
        dupChars += PyStr.len(x);
      }
    }
    return new long[] {dupElems, dupChars};
  }

  private static List<String> reSplit(Pattern p, String s) {
    // Python's re.split keeps leading and trailing empty strings; Java's split drops trailing ones.
    return List.of(p.split(s, -1));
  }

  private FilterResult applyDatatrove(String text) {
    Map<String, Double> sig = new TreeMap<>();
    int len = PyStr.len(text);
    if (len == 0) {
      return FilterResult.keep(sig);
    }
    List<String> paras = reSplit(PARA_DT, PyStr.strip(text));
    long[] p = findDuplicates(paras);
    sig.put("dup_para_frac", (double) p[0] / paras.size());
    if (dupParaFrac > 0 && (double) p[0] / paras.size() > dupParaFrac) {
      return FilterResult.reject("dup_para_frac", sig);
    }
    sig.put("dup_para_char_frac", (double) p[1] / len);
    if (dupParaCharFrac > 0 && (double) p[1] / len > dupParaCharFrac) {
      return FilterResult.reject("dup_para_char_frac", sig);
    }
    List<String> lines = reSplit(LINES_DT, text);
    long[] l = findDuplicates(lines);
    sig.put("dup_line_frac", (double) l[0] / lines.size());
    if (dupLineFrac > 0 && (double) l[0] / lines.size() > dupLineFrac) {
      return FilterResult.reject("dup_line_frac", sig);
    }
    sig.put("dup_line_char_frac", (double) l[1] / len);
    if (dupLineCharFrac > 0 && (double) l[1] / len > dupLineCharFrac) {
      return FilterResult.reject("dup_line_char_frac", sig);
    }
    List<String> words = WordCache.words(splitter, text);
    int w = words.size();
    WordTable t = new WordTable(words, false);
    int[] wl = t.lengths;
    RepeatedNGrams grams = new RepeatedNGrams(t.hashes, t.repeats);
    for (int n = 2; n <= 4; n++) {
      grams.next();
      if (w - n + 1 <= 0) {
        continue;
      }
      // Counter.most_common(1): highest count, ties to the first inserted; with no repeat, the first n-gram
      int bestCount = 1;
      int bestFirst = 0;
      for (int k = 0; k < grams.size(); k++) {
        int c = grams.count(k);
        int f = grams.first(k);
        if (c > bestCount || (c == bestCount && c > 1 && f < bestFirst)) {
          bestCount = c;
          bestFirst = f;
        }
      }
      int chars = n - 1;
      for (int k = 0; k < n; k++) {
        chars += wl[bestFirst + k];
      }
      double frac = (double) chars * bestCount / len;
      sig.put("top_" + n + "_gram", frac);
      if (topNGrams[n - 2] > 0 && frac > topNGrams[n - 2]) {
        return FilterResult.reject("top_" + n + "_gram", sig);
      }
    }
    LongCounter counter = new LongCounter(w);
    // "".join(words[i:i+n]): hash the concatenation itself, so different splits of the same characters are equal
    int[] off = new int[w + 1];
    for (int i = 0; i < w; i++) {
      off[i + 1] = off[i] + words.get(i).length();
    }
    long[] pref = new long[off[w] + 1];
    long[] pw = new long[off[w] + 1];
    pw[0] = 1;
    int pos = 0;
    for (String word : words) {
      for (int k = 0; k < word.length(); k++) {
        pref[pos + 1] = pref[pos] * BASE + word.charAt(k) + 1;
        pw[pos + 1] = pw[pos] * BASE;
        pos++;
      }
    }
    for (int n = 5; n <= 10; n++) {
      counter.clear();
      long repeated = 0;
      int idx = 0;
      while (idx < w - n + 1) {
        int a = off[idx];
        int b = off[idx + n];
        long key = (pref[b] - pref[a] * pw[b - a]) ^ ((long) (b - a) * 0xC2B2AE3D27D4EB4FL);
        int slot = counter.add(key, idx);
        if (counter.count(slot) > 1) {
          int chars = 0;
          for (int k = 0; k < n; k++) {
            chars += wl[idx + k];
          }
          repeated += chars;
          idx += n;
        } else {
          idx++;
        }
      }
      double frac = (double) repeated / len;
      sig.put("dup_" + n + "_gram", frac);
      if (dupNGrams[n - 5] > 0 && frac > dupNGrams[n - 5]) {
        return FilterResult.reject("dup_" + n + "_gram", sig);
      }
    }
    return FilterResult.keep(sig);
  }

  private static final long BASE = 0x9E3779B97F4A7C15L;

  /**
   * The distinct words of a document, looked up once per occurrence: per position a 64-bit hash of the (optionally
   * lower-cased) word (equal words, equal hashes; two different words share one with probability 2^-64), its
   * length in code points and whether it occurs more than once. Lower-casing and lengths run once per distinct
   * word.
   */
  static final class WordTable {
    final long[] hashes;
    final int[] lengths;
    final boolean[] repeats;

    WordTable(List<String> words, boolean lowerCase) {
      int w = words.size();
      hashes = new long[w];
      lengths = new int[w];
      repeats = new boolean[w];
      int[] ids = new int[w];
      Map<String, Integer> byWord = new HashMap<>();
      Map<String, Integer> byKey = lowerCase ? new HashMap<>() : byWord;
      long[] idHash = new long[16];
      int[] idLen = new int[16];
      int[] idCount = new int[16];
      int distinct = 0;
      for (int i = 0; i < w; i++) {
        String word = words.get(i);
        Integer id = byWord.get(word);
        if (id == null) {
          String key = lowerCase ? word.toLowerCase(Locale.ROOT) : word;
          id = lowerCase ? byKey.get(key) : null;
          if (id == null) {
            if (distinct == idHash.length) {
              idHash = java.util.Arrays.copyOf(idHash, distinct * 2);
              idLen = java.util.Arrays.copyOf(idLen, distinct * 2);
              idCount = java.util.Arrays.copyOf(idCount, distinct * 2);
            }
            id = distinct++;
            idHash[id] = hash(key);
            idLen[id] = PyStr.len(key);
            if (lowerCase) {
              byKey.put(key, id);
            }
          }
          byWord.put(word, id);
        }
        ids[i] = id;
        idCount[id]++;
      }
      for (int i = 0; i < w; i++) {
        int id = ids[i];
        hashes[i] = idHash[id];
        lengths[i] = idLen[id];
        repeats[i] = idCount[id] > 1;
      }
    }

    private WordTable(int w) {
      hashes = new long[w];
      lengths = new int[w];
      repeats = new boolean[w];
    }

    /**
     * The table of lower-cased words straight from their ranges: an ASCII word is lower-cased character by
     * character while hashing (what {@code toLowerCase(Locale.ROOT)} does to ASCII), any other word through
     * {@code toLowerCase(Locale.ROOT)}; both hash the lower-cased characters the same way, so equal keys get equal
     * hashes whichever path made them. Equal hashes are taken as equal words (as the n-gram keys are).
     */
    static WordTable lowerCased(WordSpans spans) {
      String text = spans.text();
      int w = spans.size();
      WordTable t = new WordTable(w);
      LongCounter counter = new LongCounter(Math.max(16, w / 4));
      for (int i = 0; i < w; i++) {
        int s = spans.start(i);
        int e = spans.end(i);
        long z = FNV_OFFSET;
        boolean ascii = true;
        for (int j = s; j < e; j++) {
          char c = text.charAt(j);
          if (c >= 128) {
            ascii = false;
            break;
          }
          if (c >= 'A' && c <= 'Z') {
            c += 32;
          }
          z = (z ^ c) * FNV_PRIME;
        }
        int len;
        if (ascii) {
          len = e - s;
        } else {
          String key = text.substring(s, e).toLowerCase(Locale.ROOT);
          z = FNV_OFFSET;
          for (int j = 0; j < key.length(); j++) {
            z = (z ^ key.charAt(j)) * FNV_PRIME;
          }
          len = PyStr.len(key);
        }
        long h = mix(z ^ len * 0x94D049BB133111EBL);
        t.hashes[i] = h;
        t.lengths[i] = len;
        counter.add(h, i);
      }
      for (int i = 0; i < w; i++) {
        t.repeats[i] = counter.count(counter.find(t.hashes[i])) > 1;
      }
      return t;
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private static long mix(long z) {
      z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
      z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
      return z ^ (z >>> 33);
    }

    private static long hash(String k) {
      long z = k.hashCode() * 0xBF58476D1CE4E5B9L + (long) k.length() * 0x94D049BB133111EBL;
      for (int j = 0; j < k.length(); j++) {
        z = (z ^ k.charAt(j)) * 0x100000001B3L;
      }
      z ^= z >>> 31;
      return z * 0xD6E8FEB86659FD93L + 1;
    }
  }

  private static List<String> nonEmptyStripped(String[] parts) {
    List<String> out = new ArrayList<>(parts.length);
    for (String s : parts) {
      String t = PyStr.strip(s);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private FilterResult applyCanonical(String raw) {
    Map<String, Double> sig = new TreeMap<>();
    String text = raw.indexOf('\r') >= 0 ? raw.replace("\r\n", "\n").replace('\r', '\n') : raw;
    List<String> paras = nonEmptyStripped(PARA.split(text));
    List<String> lines = nonEmptyStripped(text.split("\n"));
    FilterResult r = segmentRule(paras, "dup_para_frac", dupParaFrac, "dup_para_char_frac", dupParaCharFrac, sig);
    if (r != null) {
      return r;
    }
    r = segmentRule(lines, "dup_line_frac", dupLineFrac, "dup_line_char_frac", dupLineCharFrac, sig);
    if (r != null) {
      return r;
    }
    WordTable t;
    if (splitter == IcuWordSplitter.INSTANCE) {
      t = WordTable.lowerCased(WordCache.spans(raw));
    } else {
      t = new WordTable(WordCache.words(splitter, raw), true);
    }
    int w = t.hashes.length;
    int[] wl = t.lengths;
    long totalChars = 0;
    for (int i = 0; i < w; i++) {
      totalChars += wl[i];
    }
    if (totalChars == 0) {
      return FilterResult.keep(sig);
    }
    long[] gramChars = new long[w + 1];
    for (int i = 0; i < w; i++) {
      gramChars[i + 1] = gramChars[i] + wl[i];
    }
    RepeatedNGrams grams = new RepeatedNGrams(t.hashes, t.repeats);
    for (int n = 2; n <= 4; n++) {
      grams.next();
      // the most frequent repeated n-gram, ties to the one with most chars
      long bestChars = 0;
      int bestCount = 1;
      for (int k = 0; k < grams.size(); k++) {
        int cnt = grams.count(k);
        int i = grams.start(k);
        long ch = gramChars[i + n] - gramChars[i];
        if (cnt >= 2 && (cnt > bestCount || (cnt == bestCount && ch > bestChars))) {
          bestCount = cnt;
          bestChars = ch;
        }
      }
      double frac = bestCount < 2 ? 0 : (double) bestChars * bestCount / totalChars;
      sig.put("top_" + n + "_gram", frac);
      if (topNGrams[n - 2] > 0 && frac > topNGrams[n - 2]) {
        return FilterResult.reject("top_" + n + "_gram", sig);
      }
    }
    boolean[] mask = new boolean[w];
    for (int n = 5; n <= 10; n++) {
      grams.next();
      java.util.Arrays.fill(mask, false);
      // every occurrence of a repeated n-gram is counted, so marking each one covers them all
      for (int k = 0; k < grams.size(); k++) {
        if (grams.count(k) > 1) {
          int start = grams.start(k);
          for (int j = 0; j < n; j++) {
            mask[start + j] = true;
          }
        }
      }
      long dupChars = 0;
      for (int i = 0; i < w; i++) {
        if (mask[i]) {
          dupChars += wl[i];
        }
      }
      double frac = (double) dupChars / totalChars;
      sig.put("dup_" + n + "_gram", frac);
      if (dupNGrams[n - 5] > 0 && frac > dupNGrams[n - 5]) {
        return FilterResult.reject("dup_" + n + "_gram", sig);
      }
    }
    return FilterResult.keep(sig);
  }

  private static FilterResult segmentRule(List<String> segs, String countKey, double countMax, String charKey,
                                          double charMax, Map<String, Double> sig) {
    if (segs.isEmpty()) {
      return null;
    }
    long[] dup = findDuplicates(segs);
    long total = 0;
    for (String s : segs) {
      total += PyStr.len(s);
    }
    double f = (double) dup[0] / segs.size();
    double cf = total == 0 ? 0 : (double) dup[1] / total;
    sig.put(countKey, f);
    sig.put(charKey, cf);
    if (countMax > 0 && f > countMax) {
      return FilterResult.reject(countKey, sig);
    }
    if (charMax > 0 && cf > charMax) {
      return FilterResult.reject(charKey, sig);
    }
    return null;
  }
}

package kiln.filters.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * A backoff n-gram model read from an ARPA file: {@code \data\} with {@code ngram N=count} lines, then one
 * {@code \N-grams:} section per order of lines {@code log10prob<TAB>w1 .. wN[<TAB>log10backoff]}, then
 * {@code \end\}. Immutable and thread-safe once read.
 *
 * <p>As in KenLM, a model without {@code <unk>} gets {@code <unk>} with log10 probability -100 (KenLM's
 * substitute), and an n-gram's missing backoff is 0. N-grams are stored as word-id arrays in one hash map per
 * order: simple, but about 100 bytes per n-gram, so this suits models up to some tens of millions of
 * n-grams, not CCNet's multi-gigabyte binaries.
 */
public final class ArpaModel {
  public static final String BOS = "<s>";
  public static final String EOS = "</s>";
  public static final String UNK = "<unk>";
  /** KenLM's log10 probability for {@code <unk>} when the ARPA file lacks it. */
  public static final double MISSING_UNK_LOG10 = -100;

  private final int order;
  private final Map<String, Integer> vocab;
  /** Per order (index 0 = unigrams): n-gram to {log10 prob, log10 backoff}. */
  private final Map<Gram, double[]>[] grams;
  private final int unk;
  private final int bos;
  private final int eos;

  private ArpaModel(int order, Map<String, Integer> vocab, Map<Gram, double[]>[] grams) {
    this.order = order;
    this.vocab = vocab;
    this.grams = grams;
    this.unk = vocab.get(UNK);
    this.bos = vocab.getOrDefault(BOS, -1);
    this.eos = vocab.getOrDefault(EOS, -1);
    if (bos < 0 || eos < 0) {
      throw new IllegalArgumentException("ARPA model has no " + (bos < 0 ? BOS : EOS) + " unigram");
    }
  }

  private static final Map<Path, ArpaModel> SHARED = new ConcurrentHashMap<>();

  /** The model in {@code file}, read once per JVM. */
  public static ArpaModel shared(Path file) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    ArpaModel m = SHARED.get(key);
    if (m == null) {
      m = read(key);
      ArpaModel prev = SHARED.putIfAbsent(key, m);
      if (prev != null) {
        m = prev;
      }
    }
    return m;
  }

  /** Reads an ARPA file, gzipped when its name ends in {@code .gz}. */
  public static ArpaModel read(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return read(r, file.toString());
    }
  }

  /** Reads ARPA text; {@code origin} names the source in error messages. */
  @SuppressWarnings("unchecked")
  public static ArpaModel read(Reader reader, String origin) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    String line;
    int lineNo = 0;
    // header
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.trim().equals("\\data\\")) {
        break;
      }
    }
    if (line == null) {
      throw new IOException(origin + ": no \\data\\ header (not an ARPA file)");
    }
    long[] counts = new long[0];
    while ((line = in.readLine()) != null) {
      lineNo++;
      String t = line.trim();
      if (t.isEmpty()) {
        if (counts.length > 0) {
          break;
        }
        continue;
      }
      if (!t.startsWith("ngram ")) {
        break;
      }
      int eq = t.indexOf('=');
      try {
        int n = Integer.parseInt(t.substring(6, eq).trim());
        long c = Long.parseLong(t.substring(eq + 1).trim());
        if (n != counts.length + 1 || c < 0) {
          throw new IOException(origin + ":" + lineNo + ": expected 'ngram " + (counts.length + 1) + "=COUNT'");
        }
        counts = Arrays.copyOf(counts, n);
        counts[n - 1] = c;
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw new IOException(origin + ":" + lineNo + ": bad count line '" + t + "'");
      }
    }
    if (counts.length == 0) {
      throw new IOException(origin + ": \\data\\ lists no 'ngram N=COUNT' lines");
    }
    int order = counts.length;
    Map<String, Integer> vocab = new HashMap<>();
    Map<Gram, double[]>[] grams = new Map[order];
    int n = 0;
    while (true) {
      if (line != null && line.trim().equals("\\end\\")) {
        break;
      }
      if (line == null) {
        throw new IOException(origin + ": ends before \\end\\");
      }
      String t = line.trim();
      if (t.isEmpty()) {
        line = in.readLine();
        lineNo++;
        continue;
      }
      if (!t.equals("\\" + (n + 1) + "-grams:")) {
        throw new IOException(origin + ":" + lineNo + ": expected \\" + (n + 1) + "-grams:, got '" + t + "'");
      }
      n++;
      if (n > order) {
        throw new IOException(origin + ":" + lineNo + ": more sections than the " + order + " in \\data\\");
      }
      Map<Gram, double[]> map = new HashMap<>((int) Math.min(Integer.MAX_VALUE / 2, counts[n - 1] * 4 / 3 + 16));
      grams[n - 1] = map;
      while ((line = in.readLine()) != null) {
        lineNo++;
        t = line.trim();
        if (t.isEmpty()) {
          continue;
        }
        if (t.startsWith("\\")) {
          break;
        }
        String[] f = t.split("\\s+");
        if (f.length != n + 1 && f.length != n + 2) {
          throw new IOException(origin + ":" + lineNo + ": a " + n + "-gram line needs " + (n + 1) + " or "
              + (n + 2) + " fields, got " + f.length);
        }
        double prob;
        double backoff;
        try {
          prob = Double.parseDouble(f[0]);
          backoff = f.length == n + 2 ? Double.parseDouble(f[n + 1]) : 0;
        } catch (NumberFormatException e) {
          throw new IOException(origin + ":" + lineNo + ": bad number in '" + t + "'");
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
          Integer id = vocab.get(f[i + 1]);
          if (id == null) {
            if (n > 1) {
              throw new IOException(origin + ":" + lineNo + ": word '" + f[i + 1] + "' is not a unigram");
            }
            id = vocab.size();
            vocab.put(f[i + 1], id);
          }
          ids[i] = id;
        }
        if (map.put(new Gram(ids), new double[] {prob, backoff}) != null) {
          throw new IOException(origin + ":" + lineNo + ": duplicate " + n + "-gram '" + t + "'");
        }
      }
      if (map.size() != counts[n - 1]) {
        throw new IOException(origin + ": \\data\\ says ngram " + n + "=" + counts[n - 1] + " but the section has "
            + map.size());
      }
    }
    if (n != order) {
      throw new IOException(origin + ": \\data\\ lists " + order + " orders but the file has " + n + " sections");
    }
    if (!vocab.containsKey(UNK)) {
      int id = vocab.size();
      vocab.put(UNK, id);
      grams[0].put(new Gram(new int[] {id}), new double[] {MISSING_UNK_LOG10, 0});
    }
    try {
      return new ArpaModel(order, vocab, grams);
    } catch (IllegalArgumentException e) {
      throw new IOException(origin + ": " + e.getMessage());
    }
  }

  public int order() {
    return order;
  }

  public int vocabularySize() {
    return vocab.size();
  }

  /** The word's id, or the id of {@code <unk>} for a word outside the vocabulary. */
  public int id(String word) {
    Integer id = vocab.get(word);
    return id == null ? unk : id;
  }

  public boolean contains(String word) {
    return vocab.containsKey(word);
  }

  public int bos() {
    return bos;
  }

  public int eos() {
    return eos;
  }

  public int unk() {
    return unk;
  }

  /** {log10 prob, log10 backoff} of the n-gram {@code ids[from..to)}, or null when the model lacks it. */
  double[] entry(int[] ids, int from, int to) {
    int n = to - from;
    if (n < 1 || n > order) {
      return null;
    }
    return grams[n - 1].get(new Gram(Arrays.copyOfRange(ids, from, to)));
  }

  /**
   * log10 p(w | context) by KenLM's rule: the longest n-gram ending in {@code w} that the model has gives its
   * probability, plus the backoff weights of every longer context that was tried and missed (0 for a context
   * the model lacks). {@code ids[from..pos)} is the context, {@code ids[pos]} the word.
   */
  public double log10(int[] ids, int from, int pos) {
    int start = Math.max(from, pos - (order - 1));
    double backoff = 0;
    for (int s = start; s <= pos; s++) {
      double[] e = entry(ids, s, pos + 1);
      if (e != null) {
        return backoff + e[0];
      }
      double[] ctx = entry(ids, s, pos);
      if (ctx != null) {
        backoff += ctx[1];
      }
    }
    throw new IllegalStateException("unigram for word id " + ids[pos] + " missing");
  }

  /** An n-gram as word ids; equal arrays are equal keys. */
  private static final class Gram {
    final int[] ids;
    final int hash;

    Gram(int[] ids) {
      this.ids = ids;
      this.hash = Arrays.hashCode(ids);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Gram g && g.hash == hash && Arrays.equals(g.ids, ids);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}

package kiln.filters.decontam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Hashes of every word n-gram of a set of benchmark texts, each remembering the benchmarks it came from.
 *
 * <p>Normalisation (documents and benchmarks alike): words are maximal runs of Unicode letters and digits,
 * lower-cased (so punctuation, spacing and case do not hide a match). An n-gram's key is a 64-bit polynomial
 * rolling hash of its words' 64-bit hashes; a collision would need two different 13-word sequences to share
 * 64 bits. Benchmark texts with fewer than n words are indexed whole when they have at least
 * {@code minWords} words, so short questions still match.
 */
public final class NGramIndex {
  private static final long BASE = 0x9E3779B97F4A7C15L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int n;
  private final int minWords;
  private final long basePowN;
  private final List<String> names = new ArrayList<>();
  /** n-gram key to bit set of benchmark indices. */
  private final Map<Long, Long> grams = new HashMap<>();
  /** Short benchmark texts (fewer than n words): key of the whole word sequence, by length. */
  private final Map<Integer, Map<Long, Long>> shortTexts = new HashMap<>();

  public NGramIndex(int n, int minWords) {
    if (n < 1) {
      throw new IllegalArgumentException("n: must be >= 1, got " + n);
    }
    this.n = n;
    this.minWords = minWords;
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= BASE;
    }
    this.basePowN = p;
  }

  public int n() {
    return n;
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return grams.size();
  }

  /** A word of a document with its UTF-16 offsets. */
  public record Word(long hash, int start, int end) {}

  /** Lower-cased letter/digit runs with their hashes and offsets. */
  public static List<Word> words(String text) {
    List<Word> out = new ArrayList<>();
    int i = 0;
    int len = text.length();
    while (i < len) {
      int cp = text.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      long h = 0xcbf29ce484222325L;
      while (i < len) {
        cp = text.codePointAt(i);
        if (!Character.isLetterOrDigit(cp)) {
          break;
        }
        int lc = Character.toLowerCase(cp);
        h ^= lc;
        h *= 0x100000001b3L;
        h = Long.rotateLeft(h, 17) * 0xff51afd7ed558ccdL;
        i += Character.charCount(cp);
      }
      out.add(new Word(h ^ (h >>> 31), start, i));
    }
    return out;
  }

  /** Adds one benchmark text. */
  public void add(int benchmark, String text) {
    long bit = 1L << benchmark;
    List<Word> ws = words(text);
    if (ws.size() < n) {
      if (ws.size() >= minWords && !ws.isEmpty()) {
        long h = 0;
        for (Word w : ws) {
          h = h * BASE + w.hash;
        }
        shortTexts.computeIfAbsent(ws.size(), k -> new HashMap<>()).merge(h, bit, (a, b) -> a | b);
      }
      return;
    }
    long h = 0;
    for (int i = 0; i < ws.size(); i++) {
      h = h * BASE + ws.get(i).hash;
      if (i >= n) {
        h -= ws.get(i - n).hash * basePowN;
      }
      if (i >= n - 1) {
        grams.merge(h, bit, (a, b) -> a | b);
      }
    }
  }

  /** A match: the benchmark bit set and the word range [from, to) in the document. */
  public record Match(long benchmarks, int from, int to) {}

  /** Every n-gram (and every short benchmark text) of {@code ws} found in the index. */
  public List<Match> find(List<Word> ws) {
    List<Match> out = new ArrayList<>();
    if (ws.size() >= n) {
      long h = 0;
      for (int i = 0; i < ws.size(); i++) {
        h = h * BASE + ws.get(i).hash;
        if (i >= n) {
          h -= ws.get(i - n).hash * basePowN;
        }
        if (i >= n - 1) {
          Long b = grams.get(h);
          if (b != null) {
            out.add(new Match(b, i - n + 1, i + 1));
          }
        }
      }
    }
    for (Map.Entry<Integer, Map<Long, Long>> e : shortTexts.entrySet()) {
      int k = e.getKey();
      Map<Long, Long> m = e.getValue();
      long pow = 1;
      for (int j = 0; j < k; j++) {
        pow *= BASE;
      }
      long h = 0;
      for (int i = 0; i < ws.size(); i++) {
        h = h * BASE + ws.get(i).hash;
        if (i >= k) {
          h -= ws.get(i - k).hash * pow;
        }
        if (i >= k - 1) {
          Long b = m.get(h);
          if (b != null) {
            out.add(new Match(b, i - k + 1, i + 1));
          }
        }
      }
    }
    return out;
  }

  /**
   * Loads a benchmark file: JSONL, JSONL.gz or CSV (header row; RFC 4180 quoting). {@code fields} name the
   * JSON keys or CSV columns to index; a JSON array field contributes each element. Returns texts added.
   */
  public int load(String name, Path file, List<String> fields) throws IOException {
    if (names.size() >= 64) {
      throw new IllegalArgumentException("benchmarks: at most 64, got more");
    }
    int id = names.size();
    names.add(name);
    String fn = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    int count = 0;
    try (InputStream raw = Files.newInputStream(file);
         InputStream in = fn.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      if (fn.endsWith(".csv") || fn.endsWith(".csv.gz")) {
        List<List<String>> rows = Csv.parse(r);
        if (rows.isEmpty()) {
          return 0;
        }
        List<String> header = rows.get(0);
        List<Integer> cols = new ArrayList<>();
        for (String f : fields) {
          int c = header.indexOf(f);
          if (c < 0) {
            throw new IllegalArgumentException("fields: column '" + f + "' not in " + file + " (has " + header + ")");
          }
          cols.add(c);
        }
        for (int i = 1; i < rows.size(); i++) {
          for (int c : cols) {
            if (c < rows.get(i).size()) {
              add(id, rows.get(i).get(c));
              count++;
            }
          }
        }
      } else {
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          JsonNode node;
          try {
            node = JSON.readTree(line);
          } catch (IOException e) {
            throw new IOException(file + ":" + lineNo + ": not JSON: " + e.getMessage(), e);
          }
          for (String f : fields) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
              continue;
            }
            if (v.isArray()) {
              for (JsonNode e : v) {
                add(id, e.asText());
                count++;
              }
            } else {
              add(id, v.asText());
              count++;
            }
          }
        }
      }
    }
    return count;
  }

  /** Minimal RFC 4180 reader: quoted fields may hold commas, quotes ("") and newlines. */
  static final class Csv {
    private Csv() {}

    static List<List<String>> parse(Reader r) {
      try {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = r.read()) != -1) {
          any = true;
          if (quoted) {
            if (c == '"') {
              r.mark(1);
              int d = r.read();
              if (d == '"') {
                f.append('"');
              } else {
                quoted = false;
                if (d != -1) {
                  r.reset();
                }
              }
            } else {
              f.append((char) c);
            }
          } else if (c == '"') {
            quoted = true;
          } else if (c == ',') {
            row.add(f.toString());
            f.setLength(0);
          } else if (c == '\n' || c == '\r') {
            if (c == '\r') {
              r.mark(1);
              if (r.read() != '\n') {
                r.reset();
              }
            }
            row.add(f.toString());
            f.setLength(0);
            rows.add(row);
            row = new ArrayList<>();
            any = false;
          } else {
            f.append((char) c);
          }
        }
        if (any) {
          row.add(f.toString());
          rows.add(row);
        }
        return rows;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

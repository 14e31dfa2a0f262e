package kiln.filters.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import kiln.core.util.IntList;

/**
 * fastText's {@code Dictionary} for inference: the vocabulary (words, then labels) and the mapping of a line of
 * text to input-matrix rows, exactly as {@code Dictionary::getLine} does when {@code fasttext predict} reads a
 * line:
 * <ul>
 *   <li>tokens are maximal runs of bytes other than space, {@code \n \r \t \v \f \0}; the line ends at the
 *       first {@code \n}, which becomes the token {@code </s>} (the end of the string counts as that newline),
 *       and a literal {@code </s>} token also ends it;
 *   <li>a known word contributes its row and, when {@code maxn > 0}, the rows of its character n-grams; an
 *       unknown word only its n-grams; a token starting with {@code __label__} that is not in the vocabulary
 *       contributes nothing; known labels are skipped;
 *   <li>character n-grams: {@code minn..maxn} UTF-8 characters of {@code <word>}, except the lone {@code <} and
 *       {@code >}; row = nwords + FNV-1a(ngram bytes) mod bucket;
 *   <li>word n-grams (2..wordNgrams) over the hashes of every word token (known or not, {@code </s>} too):
 *       {@code h = h * 116049371 + h_j} in 64 bits from the sign-extended 32-bit hashes, row = nwords + h mod
 *       bucket;
 *   <li>FNV-1a XORs each byte as a <em>signed</em> char, sign-extended (fastText's compatibility quirk);
 *   <li>a pruned dictionary (quantized with {@code -cutoff}) maps hashed rows through its prune index and drops
 *       rows not in it.
 * </ul>
 */
final class FastTextDictionary {
  static final byte[] EOS = "</s>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LABEL_PREFIX = "__label__".getBytes(StandardCharsets.US_ASCII);
  private static final int FNV_OFFSET = (int) 2166136261L;
  private static final int FNV_PRIME = 16777619;

  private final int size;
  private final int nwords;
  private final int nlabels;
  private final byte[] chars;
  private final int[] offsets;
  private final byte[] types;
  private final long[] counts;
  /** Open addressing by word hash: {@code hash << 32 | (id + 1)} per slot, 0 = empty. */
  private final long[] table;
  private final int tableShift;
  private final long pruneSize;
  private final int[] pruneValues;
  /** The prune index as an open-addressing map (bucket id -> row), -1 = empty; null when not pruned. */
  private final int[] pruneTable;
  /**
   * One bit per bucket id: set when the id is in the prune index. Most word-n-gram buckets are not, and this
   * 128 KB (for 1M buckets) answers them from cache where the map would miss; null when not pruned.
   */
  private final long[] pruneBits;
  private final int minn;
  private final int maxn;
  private final int bucket;
  private final int wordNgrams;
  private final int eosHash;
  private final int eosId;

  private FastTextDictionary(FastTextArgs args, int size, int nwords, int nlabels, byte[] chars, int[] offsets,
      byte[] types, long[] counts, long pruneSize, int[] pruneKeys, int[] pruneValues) {
    this.size = size;
    this.nwords = nwords;
    this.nlabels = nlabels;
    this.chars = chars;
    this.offsets = offsets;
    this.types = types;
    this.counts = counts;
    this.pruneSize = pruneSize;
    this.pruneValues = pruneValues;
    this.minn = args.minn();
    this.maxn = args.maxn();
    this.bucket = args.bucket();
    this.wordNgrams = args.wordNgrams();
    int cap = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
    this.table = new long[cap];
    this.tableShift = 32 - Integer.numberOfTrailingZeros(cap);
    for (int i = 0; i < size; i++) {
      int h = hash(chars, offsets[i], offsets[i + 1]);
      int slot = slot(h, tableShift);
      while (table[slot] != 0) {
        slot = (slot + 1) & (cap - 1);
      }
      table[slot] = ((long) h << 32) | (i + 1);
    }
    this.pruneTable = pruneKeys == null ? null : pruneTable(pruneKeys);
    this.pruneBits = pruneKeys == null ? null : pruneBits(pruneKeys);
    this.eosHash = hash(EOS, 0, EOS.length);
    this.eosId = find(EOS, 0, EOS.length, eosHash);
  }

  static FastTextDictionary read(LittleEndianReader in, FastTextArgs args) throws IOException {
    int size = in.readInt();
    int nwords = in.readInt();
    int nlabels = in.readInt();
    in.readLong(); // ntokens: training statistic
    long pruneSize = in.readLong();
    if (size < 0 || nwords < 0 || nlabels < 0 || (long) nwords + nlabels != size || pruneSize < -1
        || pruneSize > Integer.MAX_VALUE) {
      throw new FastTextFormatException(in.file() + ": inconsistent dictionary header (size " + size + ", words "
          + nwords + ", labels " + nlabels + ", prune index " + pruneSize + ")");
    }
    in.requireRemaining(10L * size, "dictionary of " + size + " entries");
    byte[] chars = new byte[1 << 16];
    int used = 0;
    int[] offsets = new int[size + 1];
    byte[] types = new byte[size];
    long[] counts = new long[size];
    for (int i = 0; i < size; i++) {
      byte c;
      while ((c = in.readByte()) != 0) {
        if (used == chars.length) {
          if (chars.length == Integer.MAX_VALUE - 8) {
            throw new FastTextFormatException(in.file() + ": dictionary words exceed 2 GB");
          }
          chars = Arrays.copyOf(chars, (int) Math.min(Integer.MAX_VALUE - 8, chars.length * 2L));
        }
        chars[used++] = c;
      }
      offsets[i + 1] = used;
      counts[i] = in.readLong();
      types[i] = in.readByte();
      if (types[i] != (i < nwords ? 0 : 1)) {
        throw new FastTextFormatException(in.file() + ": dictionary entry " + i + " has type " + types[i]
            + " where a " + (i < nwords ? "word (0)" : "label (1)") + " is expected");
      }
    }
    int[] keys = null;
    int[] values = null;
    if (pruneSize > 0) {
      in.requireRemaining(8 * pruneSize, "prune index");
      keys = new int[(int) pruneSize];
      values = new int[(int) pruneSize];
      for (int i = 0; i < pruneSize; i++) {
        keys[i] = in.readInt();
        values[i] = in.readInt();
      }
    }
    return new FastTextDictionary(args, size, nwords, nlabels, Arrays.copyOf(chars, used), offsets, types, counts,
        pruneSize, keys, values);
  }

  /**
   * A dictionary for a model being trained: {@code words} (entry ids 0..), then {@code labels}, with their counts;
   * not pruned.
   */
  static FastTextDictionary create(FastTextArgs args, java.util.List<String> words, long[] wordCounts,
      java.util.List<String> labels, long[] labelCounts) {
    int size = words.size() + labels.size();
    java.io.ByteArrayOutputStream chars = new java.io.ByteArrayOutputStream();
    int[] offsets = new int[size + 1];
    byte[] types = new byte[size];
    long[] counts = new long[size];
    for (int i = 0; i < size; i++) {
      boolean word = i < words.size();
      byte[] b = (word ? words.get(i) : labels.get(i - words.size())).getBytes(StandardCharsets.UTF_8);
      for (byte c : b) {
        if (c == 0) {
          throw new IllegalArgumentException("dictionary entry with a NUL byte");
        }
      }
      chars.writeBytes(b);
      offsets[i + 1] = chars.size();
      types[i] = (byte) (word ? 0 : 1);
      counts[i] = word ? wordCounts[i] : labelCounts[i - words.size()];
    }
    return new FastTextDictionary(args, size, words.size(), labels.size(), chars.toByteArray(), offsets, types,
        counts, -1, null, null);
  }

  /** {@code Dictionary::save}: header, then each entry as NUL-terminated bytes, count and type. */
  void write(LittleEndianWriter out, long ntokens) throws IOException {
    if (pruneSize >= 0) {
      throw new IllegalStateException("writing pruned dictionaries is not supported");
    }
    out.writeInt(size);
    out.writeInt(nwords);
    out.writeInt(nlabels);
    out.writeLong(ntokens);
    out.writeLong(pruneSize);
    for (int i = 0; i < size; i++) {
      out.writeBytes(chars, offsets[i], offsets[i + 1]);
      out.writeByte((byte) 0);
      out.writeLong(counts[i]);
      out.writeByte(types[i]);
    }
  }

  int nwords() {
    return nwords;
  }

  int nlabels() {
    return nlabels;
  }

  boolean pruned() {
    return pruneSize >= 0;
  }

  String word(int id) {
    return new String(chars, offsets[id], offsets[id + 1] - offsets[id], StandardCharsets.UTF_8);
  }

  String label(int labelId) {
    return word(nwords + labelId);
  }

  long[] labelCounts() {
    return Arrays.copyOfRange(counts, nwords, size);
  }

  /** fastText's {@code Dictionary::hash}: FNV-1a over signed chars. */
  static int hash(byte[] b, int from, int to) {
    int h = FNV_OFFSET;
    for (int i = from; i < to; i++) {
      h = (h ^ b[i]) * FNV_PRIME; // b[i] sign-extends, as fastText's int8_t cast does
    }
    return h;
  }

  private static int slot(int h, int shift) {
    return (h * 0x9E3779B9) >>> shift;
  }

  /** Entry id of the bytes {@code b[from, to)} whose {@link #hash} is {@code h}, or -1. */
  int find(byte[] b, int from, int to, int h) {
    int mask = table.length - 1;
    int len = to - from;
    for (int s = slot(h, tableShift); ; s = (s + 1) & mask) {
      long e = table[s];
      if (e == 0) {
        return -1;
      }
      if ((int) (e >>> 32) == h) { // bytes are compared only when the full hash matches
        int id = (int) e - 1;
        int o = offsets[id];
        if (offsets[id + 1] - o == len && sameBytes(chars, o, b, from, len)) {
          return id;
        }
      }
    }
  }

  /** A plain loop: tokens are short, where {@code Arrays.equals}' vectorized mismatch costs more to set up. */
  private static boolean sameBytes(byte[] a, int ao, byte[] b, int bo, int len) {
    for (int i = 0; i < len; i++) {
      if (a[ao + i] != b[bo + i]) {
        return false;
      }
    }
    return true;
  }

  private static int[] pruneTable(int[] keys) {
    int cap = Integer.highestOneBit(Math.max(4, keys.length * 2 - 1)) << 1;
    int shift = 32 - Integer.numberOfTrailingZeros(cap);
    int[] t = new int[2 * cap];
    Arrays.fill(t, -1);
    for (int i = 0; i < keys.length; i++) {
      int s = slot(keys[i], shift);
      while (t[2 * s] != -1 && t[2 * s] != keys[i]) {
        s = (s + 1) & (cap - 1);
      }
      t[2 * s] = keys[i]; // keys are bucket ids, >= 0; a repeated key keeps its last value, as fastText's map
      t[2 * s + 1] = i;
    }
    return t;
  }

  private static long[] pruneBits(int[] keys) {
    int max = 0;
    for (int k : keys) {
      max = Math.max(max, k);
    }
    long[] bits = new long[(Math.min(max, 1 << 27) >>> 6) + 1]; // ids beyond 2^27 go to the map directly
    for (int k : keys) {
      if (k >= 0 && (k >>> 6) < bits.length) {
        bits[k >>> 6] |= 1L << k;
      }
    }
    return bits;
  }

  /** Position of bucket id {@code key} (>= 0) in the prune index, or -1. */
  private int pruneIndexOf(int key) {
    int word = key >>> 6;
    if (word < pruneBits.length && (pruneBits[word] & (1L << key)) == 0) {
      return -1;
    }
    int cap = pruneTable.length / 2;
    int shift = 32 - Integer.numberOfTrailingZeros(cap);
    for (int s = slot(key, shift); ; s = (s + 1) & (cap - 1)) {
      int k = pruneTable[2 * s];
      if (k == key) {
        return pruneTable[2 * s + 1];
      }
      if (k == -1) {
        return -1;
      }
    }
  }

  static boolean isDelimiter(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0B || c == '\f' || c == 0;
  }

  /**
   * Appends the input rows of the line in {@code text[0, len)} to {@code rows}. {@code hashes} and
   * {@code scratch} are caller-owned work space.
   */
  void lineToRows(byte[] text, int len, IntList rows, IntList hashes, Scratch scratch) {
    rows.clear();
    hashes.clear();
    int i = 0;
    while (true) {
      while (i < len && isDelimiter(text[i]) && text[i] != '\n') {
        i++;
      }
      if (i >= len || text[i] == '\n') {
        addToken(EOS, 0, EOS.length, eosHash, eosId, rows, hashes, scratch);
        break;
      }
      int start = i;
      while (i < len && !isDelimiter(text[i])) {
        i++;
      }
      int h = hash(text, start, i);
      int id = find(text, start, i, h);
      addToken(text, start, i, h, id, rows, hashes, scratch);
      if (i - start == EOS.length && Arrays.equals(text, start, i, EOS, 0, EOS.length)) {
        break; // fastText ends the line at a literal </s> too
      }
    }
    addWordNgrams(rows, hashes);
  }

  private void addToken(byte[] b, int from, int to, int h, int id, IntList rows, IntList hashes, Scratch s) {
    boolean isEos = to - from == EOS.length && Arrays.equals(b, from, to, EOS, 0, EOS.length);
    if (id < 0) {
      if (startsWithLabel(b, from, to)) {
        return; // an unknown label: neither word nor label
      }
      if (!isEos) {
        computeSubwords(b, from, to, rows, s);
      }
    } else if (types[id] == 0) {
      rows.add(id);
      if (maxn > 0 && !isEos) {
        computeSubwords(b, from, to, rows, s);
      }
    } else {
      return; // a known label
    }
    hashes.add(h);
  }

  private static boolean startsWithLabel(byte[] b, int from, int to) {
    return to - from >= LABEL_PREFIX.length && b[from] == '_'
        && Arrays.equals(b, from, from + LABEL_PREFIX.length, LABEL_PREFIX, 0, LABEL_PREFIX.length);
  }

  /** {@code Dictionary::computeSubwords} on {@code <word>}, hashing each n-gram incrementally. */
  private void computeSubwords(byte[] b, int from, int to, IntList rows, Scratch s) {
    if (maxn <= 0) {
      return;
    }
    int len = to - from + 2;
    byte[] w = s.word(len);
    w[0] = '<';
    System.arraycopy(b, from, w, 1, to - from);
    w[len - 1] = '>';
    for (int i = 0; i < len; i++) {
      if ((w[i] & 0xC0) == 0x80) {
        continue;
      }
      int h = FNV_OFFSET;
      int j = i;
      for (int n = 1; j < len && n <= maxn; n++) {
        h = (h ^ w[j++]) * FNV_PRIME;
        while (j < len && (w[j] & 0xC0) == 0x80) {
          h = (h ^ w[j++]) * FNV_PRIME;
        }
        if (n >= minn && !(n == 1 && (i == 0 || j == len))) {
          pushHash(rows, Integer.remainderUnsigned(h, bucket));
        }
      }
    }
  }

  private void addWordNgrams(IntList rows, IntList hashes) {
    int n = hashes.size();
    for (int i = 0; i < n; i++) {
      long h = hashes.get(i);
      for (int j = i + 1; j < n && j < i + wordNgrams; j++) {
        h = h * 116049371L + hashes.get(j);
        pushHash(rows, (int) Long.remainderUnsigned(h, bucket));
      }
    }
  }

  private void pushHash(IntList rows, int id) {
    if (pruneSize == 0 || id < 0) {
      return;
    }
    if (pruneSize > 0) {
      int at = pruneIndexOf(id);
      if (at < 0) {
        return;
      }
      id = pruneValues[at];
    }
    rows.add(nwords + id);
  }

  /** Per-call work space. */
  static final class Scratch {
    private byte[] word = new byte[64];

    byte[] word(int len) {
      if (word.length < len) {
        word = new byte[Math.max(len, word.length * 2)];
      }
      return word;
    }
  }
}

package kiln.tokenize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a SentencePiece {@code ModelProto} (sentencepiece_model.proto) Kiln needs: pieces with their
 * types and scores, from {@code TrainerSpec} the model type, the special ids, {@code byte_fallback} and
 * {@code treat_whitespace_as_suffix}, and from {@code NormalizerSpec} the precompiled character map and the
 * whitespace flags.
 *
 * <p>Parsed with a minimal protobuf wire-format reader so decoding (and, for unigram models, encoding) runs in
 * Java: DJL's native decode garbles characters outside the BMP, and each native call costs more than a short
 * line's encoding (see {@link kiln.tokenize.spm.UnigramEncoder}).
 */
public final class SpmModel {
  /** {@code SentencePiece.Type} values. */
  public static final int NORMAL = 1;
  public static final int UNKNOWN = 2;
  public static final int CONTROL = 3;
  public static final int USER_DEFINED = 4;
  public static final int UNUSED = 5;
  public static final int BYTE = 6;

  /** {@code TrainerSpec.ModelType} values. */
  public static final int MODEL_UNIGRAM = 1;
  public static final int MODEL_BPE = 2;
  public static final int MODEL_WORD = 3;
  public static final int MODEL_CHAR = 4;

  /** What spm prints for an unknown piece ({@code kDefaultUnknownSymbol}). */
  public static final String UNKNOWN_SURFACE = " \u2047 ";

  private final String[] pieces;
  private final byte[] types;
  private final float[] scores;
  private final int unkId;
  private final int bosId;
  private final int eosId;
  private final int padId;
  private final boolean addDummyPrefix;
  private final boolean removeExtraWhitespaces;
  private final boolean escapeWhitespaces;
  private final boolean treatWhitespaceAsSuffix;
  private final boolean byteFallback;
  private final int modelType;
  private final byte[] precompiledCharsmap;

  private SpmModel(String[] pieces, byte[] types, float[] scores, int unkId, int bosId, int eosId, int padId,
                   boolean addDummyPrefix, boolean removeExtraWhitespaces, boolean escapeWhitespaces,
                   boolean treatWhitespaceAsSuffix, boolean byteFallback, int modelType, byte[] precompiledCharsmap) {
    this.pieces = pieces;
    this.types = types;
    this.scores = scores;
    this.unkId = unkId;
    this.bosId = bosId;
    this.eosId = eosId;
    this.padId = padId;
    this.addDummyPrefix = addDummyPrefix;
    this.removeExtraWhitespaces = removeExtraWhitespaces;
    this.escapeWhitespaces = escapeWhitespaces;
    this.treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
    this.byteFallback = byteFallback;
    this.modelType = modelType;
    this.precompiledCharsmap = precompiledCharsmap;
  }

  /** Parses serialized {@code ModelProto} bytes; throws IllegalArgumentException if they are not one. */
  public static SpmModel parse(byte[] bytes) {
    java.util.List<String> pieces = new java.util.ArrayList<>();
    ByteArrayOutputStream types = new ByteArrayOutputStream();
    java.util.List<Float> scores = new java.util.ArrayList<>();
    // TrainerSpec defaults (sentencepiece_model.proto): unk 0, bos 1, eos 2, pad -1.
    int[] ids = {0, 1, 2, -1};
    // NormalizerSpec defaults: add_dummy_prefix, remove_extra_whitespaces, escape_whitespaces all true.
    boolean[] norm = {true, true, true};
    byte[] charsmap = new byte[0];
    int modelType = MODEL_UNIGRAM;
    boolean suffix = false;
    boolean byteFallback = false;
    Wire w = new Wire(bytes, 0, bytes.length);
    while (w.more()) {
      int tag = w.varint32();
      int field = tag >>> 3;
      if (field == 1 && (tag & 7) == 2) {
        Wire p = w.sub();
        String piece = "";
        int type = NORMAL;
        float score = 0f;
        while (p.more()) {
          int t = p.varint32();
          if (t >>> 3 == 1 && (t & 7) == 2) {
            piece = p.string();
          } else if (t >>> 3 == 2 && (t & 7) == 5) {
            score = p.float32();
          } else if (t >>> 3 == 3 && (t & 7) == 0) {
            type = (int) p.varint();
          } else {
            p.skip(t);
          }
        }
        pieces.add(piece);
        types.write(type);
        scores.add(score);
      } else if (field == 2 && (tag & 7) == 2) {
        Wire t = w.sub();
        while (t.more()) {
          int tt = t.varint32();
          int f = tt >>> 3;
          if (f >= 40 && f <= 43 && (tt & 7) == 0) {
            ids[f - 40] = (int) t.varint();
          } else if (f == 3 && (tt & 7) == 0) {
            modelType = (int) t.varint();
          } else if (f == 24 && (tt & 7) == 0) {
            suffix = t.varint() != 0;
          } else if (f == 35 && (tt & 7) == 0) {
            byteFallback = t.varint() != 0;
          } else {
            t.skip(tt);
          }
        }
      } else if (field == 3 && (tag & 7) == 2) {
        Wire n = w.sub();
        while (n.more()) {
          int nt = n.varint32();
          int f = nt >>> 3;
          if (f >= 3 && f <= 5 && (nt & 7) == 0) {
            norm[f - 3] = n.varint() != 0;
          } else if (f == 2 && (nt & 7) == 2) {
            charsmap = n.bytes();
          } else {
            n.skip(nt);
          }
        }
      } else {
        w.skip(tag);
      }
    }
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("not a SentencePiece model: no pieces");
    }
    float[] sc = new float[scores.size()];
    for (int i = 0; i < sc.length; i++) {
      sc[i] = scores.get(i);
    }
    return new SpmModel(pieces.toArray(String[]::new), types.toByteArray(), sc, ids[0], ids[1], ids[2], ids[3],
        norm[0], norm[1], norm[2], suffix, byteFallback, modelType, charsmap);
  }

  public int size() {
    return pieces.length;
  }

  public String piece(int id) {
    return pieces[id];
  }

  public int type(int id) {
    return types[id];
  }

  /** The piece's log-probability (unigram) or merge rank score (BPE). */
  public float score(int id) {
    return scores[id];
  }

  public int unkId() {
    return unkId;
  }

  public int bosId() {
    return bosId;
  }

  public int eosId() {
    return eosId;
  }

  public int padId() {
    return padId;
  }

  /** {@link #MODEL_UNIGRAM}, {@link #MODEL_BPE}, {@link #MODEL_WORD} or {@link #MODEL_CHAR}. */
  public int modelType() {
    return modelType;
  }

  public boolean addDummyPrefix() {
    return addDummyPrefix;
  }

  public boolean removeExtraWhitespaces() {
    return removeExtraWhitespaces;
  }

  public boolean escapeWhitespaces() {
    return escapeWhitespaces;
  }

  public boolean treatWhitespaceAsSuffix() {
    return treatWhitespaceAsSuffix;
  }

  /** Whether unknown characters are written as {@code <0xNN>} byte pieces instead of the unknown id. */
  public boolean byteFallback() {
    return byteFallback;
  }

  /**
   * {@code NormalizerSpec.precompiled_charsmap}: a little-endian uint32 trie size, a darts-clone double array
   * over UTF-8 byte strings whose values index into the NUL-terminated replacement strings that follow. Empty
   * for the {@code identity} normalization.
   */
  public byte[] precompiledCharsmap() {
    return precompiledCharsmap.clone();
  }

  /**
   * Text of {@code ids} as spm's {@code DecodeIds}: {@code ▁} becomes a space, byte pieces {@code <0xNN>} are
   * collected as raw bytes and decoded as UTF-8 (invalid bytes become U+FFFD), control pieces vanish,
   * unknown pieces print {@link #UNKNOWN_SURFACE}, and the dummy-prefix space of the first piece is removed.
   */
  public String decode(int[] ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
    boolean first = true;
    for (int id : ids) {
      if (id < 0 || id >= pieces.length) {
        throw new IllegalArgumentException("token id " + id + " out of range [0, " + pieces.length + ")");
      }
      int type = types[id];
      if (type == CONTROL) {
        continue;
      }
      if (type == BYTE) {
        out.write(Integer.parseInt(pieces[id], 3, 5, 16));
        first = false;
        continue;
      }
      String text = type == UNKNOWN ? UNKNOWN_SURFACE : pieces[id].replace('\u2581', ' ');
      if (first && addDummyPrefix && text.startsWith(" ")) {
        text = text.substring(1);
      }
      first = false;
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Protobuf wire-format reader over a byte range. */
  private static final class Wire {
    private final byte[] b;
    private int pos;
    private final int end;

    Wire(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new IllegalArgumentException("not a SentencePiece model: truncated varint");
        }
        byte x = b[pos++];
        v |= (long) (x & 0x7f) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("not a SentencePiece model: bad varint");
    }

    float float32() {
      if (pos + 4 > end) {
        throw new IllegalArgumentException("not a SentencePiece model: truncated float");
      }
      int bits = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
      pos += 4;
      return Float.intBitsToFloat(bits);
    }

    int varint32() {
      return (int) varint();
    }

    Wire sub() {
      int len = varint32();
      if (len < 0 || pos + len > end) {
        throw new IllegalArgumentException("not a SentencePiece model: bad length " + len);
      }
      Wire w = new Wire(b, pos, pos + len);
      pos += len;
      return w;
    }

    String string() {
      Wire s = sub();
      return new String(b, s.pos, s.end - s.pos, StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      Wire s = sub();
      return java.util.Arrays.copyOfRange(b, s.pos, s.end);
    }

    void skip(int tag) {
      switch (tag & 7) {
        case 0 -> varint();
        case 1 -> pos += 8;
        case 2 -> sub();
        case 5 -> pos += 4;
        default -> throw new IllegalArgumentException("not a SentencePiece model: wire type " + (tag & 7));
      }
      if (pos > end) {
        throw new IllegalArgumentException("not a SentencePiece model: truncated field");
      }
    }
  }
}

package kiln.mixtures;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The seeded 64-bit hashes that drive sampling and the phase shuffle.
 *
 * <p>Hash = first 64 bits of MurmurHash3_x64_128 (seed 0) over the bytes
 * {@code tag | seed (8 bytes, big-endian) | len(phase) phase | len(source) source | len(id) id | epoch (4 bytes)},
 * strings in UTF-8 with a 4-byte big-endian length prefix so that no two field tuples share an encoding.
 * {@code tag} is 1 for {@link #select} and 2 for {@link #order}, so that a document's rank for selection
 * and its position in the shuffled phase are independent. Values are compared as signed longs (Spark's
 * {@code LongType} order). No RNG state is involved: a document's hash depends only on these fields,
 * never on partitioning or on the other documents.
 */
public final class DocHash {
  private DocHash() {}

  static final byte SELECT = 1;
  static final byte ORDER = 2;

  /** Rank of a document in epoch {@code epoch} of its source in phase {@code phase}: lowest first. */
  public static long select(long seed, String phase, String source, String id, int epoch) {
    return hash(SELECT, seed, phase, source, id, epoch);
  }

  /** Sort key of a selected (document, epoch) in the shuffled phase. */
  public static long order(long seed, String phase, String source, String id, int epoch) {
    return hash(ORDER, seed, phase, source, id, epoch);
  }

  static long hash(byte tag, long seed, String phase, String source, String id, int epoch) {
    byte[] p = phase.getBytes(StandardCharsets.UTF_8);
    byte[] s = source.getBytes(StandardCharsets.UTF_8);
    byte[] d = id.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + p.length + 4 + s.length + 4 + d.length + 4);
    b.put(tag).putLong(seed);
    b.putInt(p.length).put(p).putInt(s.length).put(s).putInt(d.length).put(d);
    b.putInt(epoch);
    return MurmurHash3.hash128x64(b.array(), 0, b.capacity(), 0)[0];
  }
}

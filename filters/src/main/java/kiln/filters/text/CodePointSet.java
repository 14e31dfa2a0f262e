package kiln.filters.text;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/** A set of code points: a bit set for the BMP (one lookup per character in hot loops), a hash set above it. */
final class CodePointSet {
  private final BitSet bmp = new BitSet(65536);
  private final Set<Integer> astral = new HashSet<>();

  void add(int cp) {
    if (cp < 65536) {
      bmp.set(cp);
    } else {
      astral.add(cp);
    }
  }

  boolean contains(int cp) {
    return cp < 65536 ? bmp.get(cp) : astral.contains(cp);
  }
}

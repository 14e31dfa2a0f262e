package kiln.filters.pii;

import java.util.ArrayList;
import java.util.List;

/** Runs one detector and returns the matched substrings. */
final class DetectorTestSupport {
  private DetectorTestSupport() {}

  static List<String> found(PiiDetector d, String text, String... regions) {
    List<PiiSpan> out = new ArrayList<>();
    d.detect(text, new PiiContext(regions.length == 0 ? List.of("US") : List.of(regions), false), out);
    List<String> values = new ArrayList<>();
    for (PiiSpan s : out) {
      if (!text.substring(s.start(), s.end()).equals(s.value())) {
        throw new AssertionError("span value does not match its offsets: " + s);
      }
      values.add(s.value());
    }
    return values;
  }
}

package kiln.jobs.ingest.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token-level F1 of an extraction against a reference: tokens are maximal runs of Unicode letters and digits,
 * lower-cased; overlap is the multiset intersection; precision = overlap / |extracted|, recall = overlap /
 * |reference|, F1 = 2PR / (P + R). Two empty texts score 1, one empty text 0.
 */
public final class TokenF1 {
  private TokenF1() {}

  public static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      int cp = s.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        int j = i;
        while (j < n && Character.isLetterOrDigit(s.codePointAt(j))) {
          j += Character.charCount(s.codePointAt(j));
        }
        out.add(s.substring(i, j).toLowerCase(Locale.ROOT));
        i = j;
      } else {
        i += Character.charCount(cp);
      }
    }
    return out;
  }

  public static double f1(String extracted, String reference) {
    List<String> a = tokens(extracted);
    List<String> b = tokens(reference);
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String t : b) {
      counts.merge(t, 1, Integer::sum);
    }
    int overlap = 0;
    for (String t : a) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        overlap++;
        counts.put(t, c - 1);
      }
    }
    if (overlap == 0) {
      return 0;
    }
    double p = overlap / (double) a.size();
    double r = overlap / (double) b.size();
    return 2 * p * r / (p + r);
  }
}

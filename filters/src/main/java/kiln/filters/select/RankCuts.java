package kiln.filters.select;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cut-offs of one ranked filter over a dataset: for each group, its size and its cuts (in the order the
 * filter asked for them, see {@link RankedFilter#cutRanks}).
 */
public record RankCuts(Map<String, Group> groups) implements Serializable {

  public record Group(long size, List<RankCut> cuts) implements Serializable {
    public Group {
      cuts = List.copyOf(cuts);
    }
  }

  public RankCuts {
    groups = new TreeMap<>(groups);
  }

  /** The group's cuts; a group the dataset pass did not see has none (a programming error upstream). */
  public Group group(String name) {
    Group g = groups.get(name);
    if (g == null) {
      throw new IllegalStateException("no cut-offs for group '" + name + "' (computed for " + groups.keySet()
          + "); the filter must run on the dataset its cut-offs were computed on");
    }
    return g;
  }
}

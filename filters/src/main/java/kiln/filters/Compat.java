package kiln.filters;

import kiln.core.config.ConfigNode;

/**
 * Which definition a filter implements: {@code none} = Kiln's canonical one (documented per filter in
 * docs/filters.md), {@code datatrove} = datatrove 0.10's decisions reproduced exactly, so FineWeb's numbers can be.
 */
public enum Compat {
  NONE, DATATROVE;

  public static Compat fromConfig(ConfigNode c) {
    return c.choice("compat", "none", "none", "datatrove").equals("datatrove") ? DATATROVE : NONE;
  }
}

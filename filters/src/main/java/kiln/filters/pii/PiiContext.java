package kiln.filters.pii;

import java.util.List;

/**
 * What a detector may know about the document besides its text: the phone regions to try (from the
 * document's URL top-level domain and language, then the configured defaults) and whether it is source code.
 */
public record PiiContext(List<String> regions, boolean code) {
  public PiiContext {
    regions = List.copyOf(regions);
  }

  public static PiiContext of(String... regions) {
    return new PiiContext(List.of(regions), false);
  }
}

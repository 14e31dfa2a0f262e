package kiln.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates {@code ../shared} (real corpora used by tests, benchmarks and {@code kiln demo --shared}).
 * Order: {@code $KILN_SHARED}, system property {@code kiln.shared}, {@code ../shared} from the working
 * directory and its parents.
 */
public final class SharedData {
  private SharedData() {}

  public static Optional<Path> root() {
    String env = System.getenv("KILN_SHARED");
    if (env != null && !env.isBlank()) {
      return existing(Path.of(env));
    }
    String prop = System.getProperty("kiln.shared");
    if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop))) {
      return existing(Path.of(prop));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return Optional.of(candidate.normalize());
      }
    }
    return Optional.empty();
  }

  /** {@code $KILN_SHARED/data/<relative>} if it exists. */
  public static Optional<Path> data(String relative) {
    return root().map(r -> r.resolve("data").resolve(relative)).filter(Files::exists);
  }

  private static Optional<Path> existing(Path p) {
    return Files.isDirectory(p) ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
  }
}

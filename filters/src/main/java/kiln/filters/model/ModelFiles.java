package kiln.filters.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kiln.core.config.ConfigNode;

/** Model files named in configs: resolved against the config file's folder, loaded once per JVM. */
public final class ModelFiles {
  private ModelFiles() {}

  /** The file named by {@code key}; a relative name resolves against the folder of the config file. */
  public static Path resolve(ConfigNode c, String key) {
    String raw = c.string(key);
    if (raw.isBlank()) {
      throw c.error(key, "must name a model file");
    }
    Path p = Path.of(raw);
    if (!p.isAbsolute() && c.file() != null) {
      Path cfg = Path.of(c.file());
      if (Files.isRegularFile(cfg) && cfg.toAbsolutePath().getParent() != null) {
        p = cfg.toAbsolutePath().getParent().resolve(p);
      }
    }
    p = p.normalize();
    if (!Files.isRegularFile(p)) {
      throw c.error(key, "model file not found: " + p);
    }
    return p;
  }

  /** The shared fastText model named by {@code key}; a missing or unreadable file fails naming file and key. */
  public static FastTextModel fastText(ConfigNode c, String key) {
    Path p = resolve(c, key);
    try {
      return FastTextModel.shared(p);
    } catch (IOException e) {
      throw c.error(key, "cannot load fastText model: " + e.getMessage());
    }
  }
}

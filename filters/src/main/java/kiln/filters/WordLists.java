package kiln.filters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import kiln.core.config.ConfigNode;

/**
 * Reads list files named in configs: one entry per line, trimmed and lower-cased; blank lines and lines starting
 * with {@code #} are skipped. A name starting with {@code classpath:} reads a resource shipped with Kiln (e.g.
 * {@code classpath:kiln/filters/lists/url-domains-example.txt}).
 */
public final class WordLists {
  private WordLists() {}

  public static Set<String> read(String name) throws IOException {
    InputStream in;
    if (name.startsWith("classpath:")) {
      String res = name.substring("classpath:".length());
      res = res.startsWith("/") ? res.substring(1) : res;
      in = WordLists.class.getClassLoader().getResourceAsStream(res);
      if (in == null) {
        throw new IOException("no such resource: " + res);
      }
    } else {
      in = Files.newInputStream(Path.of(name));
    }
    Set<String> out = new LinkedHashSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t.toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /** The list named by {@code key}, or empty when the key is absent; read errors name the key. */
  public static Set<String> fromConfig(ConfigNode c, String key) {
    if (!c.has(key)) {
      c.string(key, "");
      return Set.of();
    }
    String name = c.string(key);
    try {
      return read(name);
    } catch (IOException e) {
      throw c.error(key, "cannot read list '" + name + "': " + e.getMessage());
    }
  }
}

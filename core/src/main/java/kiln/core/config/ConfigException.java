package kiln.core.config;

/** A configuration error, raised before any data moves; the message names the file and the key. */
public final class ConfigException extends RuntimeException {
  private final String file;
  private final String key;

  public ConfigException(String file, String key, String problem) {
    super(format(file, key, problem));
    this.file = file;
    this.key = key;
  }

  public String file() {
    return file;
  }

  public String key() {
    return key;
  }

  private static String format(String file, String key, String problem) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file).append(": ");
    }
    if (key != null && !key.isEmpty()) {
      sb.append("key '").append(key).append("': ");
    }
    return sb.append(problem).toString();
  }
}

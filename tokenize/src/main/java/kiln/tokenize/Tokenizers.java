package kiln.tokenize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a tokenizer from a SPEC string:
 * <ul>
 *   <li>{@code spm:PATH.model} — a SentencePiece model file;</li>
 *   <li>{@code spm:builtin:kiln-demo} — the demo model in this jar ({@code kiln/tokenize/kiln-demo.model},
 *       trained by {@code tokenize/model/train-demo-model.sh});</li>
 *   <li>{@code hf:PATH/tokenizer.json} — a Hugging Face tokenizer;</li>
 *   <li>{@code tiktoken:NAME} — {@code cl100k_base}, {@code o200k_base}, {@code p50k_base}, {@code r50k_base}.</li>
 * </ul>
 */
public final class Tokenizers {
  private Tokenizers() {}

  public static final String DEFAULT_SPEC = "spm:builtin:kiln-demo";
  public static final String BUILTIN_PREFIX = "builtin:";

  /** Opens {@code spec}; throws IllegalArgumentException naming the spec if it is malformed or missing. */
  public static Tokenizer open(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("tokenizer spec is empty (expected spm:PATH.model, spm:builtin:NAME, "
          + "hf:PATH/tokenizer.json or tiktoken:NAME)");
    }
    int colon = spec.indexOf(':');
    String kind = colon < 0 ? "" : spec.substring(0, colon);
    String arg = colon < 0 ? "" : spec.substring(colon + 1);
    try {
      switch (kind) {
        case "spm":
          if (arg.startsWith(BUILTIN_PREFIX)) {
            String name = arg.substring(BUILTIN_PREFIX.length());
            return new SentencePieceTokenizer(builtinModel(name), name);
          }
          return SentencePieceTokenizer.open(existing(arg, spec));
        case "hf":
          return new HuggingFaceTokenizer(existing(arg, spec));
        case "tiktoken":
          return new TiktokenTokenizer(arg);
        default:
          throw new IllegalArgumentException("unknown tokenizer kind '" + kind + "'");
      }
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new IllegalArgumentException("bad tokenizer spec '" + spec + "': " + e.getMessage()
          + " (expected spm:PATH.model, spm:builtin:NAME, hf:PATH/tokenizer.json or tiktoken:NAME)", e);
    }
  }

  /** Bytes of a model bundled under {@code kiln/tokenize/NAME.model}. */
  public static byte[] builtinModel(String name) {
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("bad builtin model name '" + name + "'");
    }
    try (InputStream in = Tokenizers.class.getResourceAsStream("/kiln/tokenize/" + name + ".model")) {
      if (in == null) {
        throw new IllegalArgumentException("no builtin model '" + name + "' (available: kiln-demo)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path existing(String path, String spec) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("no path");
    }
    Path p = Path.of(path);
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("file not found: " + p);
    }
    return p;
  }
}

package kiln.filters.lang;

import com.github.jfasttext.JFastText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A user-supplied fastText model (e.g. {@code lid.176.bin}, the model FineWeb used) through the jfasttext JNI
 * binding. As datatrove does, newlines become spaces and the top label is taken; its probability is the score,
 * and the {@code __label__} prefix is dropped ({@code __label__en} gives {@code en}). One native model per file
 * per JVM; prediction is serialised on it because the binding does not promise thread safety.
 */
public final class FastTextLanguageIdentifier implements LanguageIdentifier {
  private static final Map<String, JFastText> MODELS = new HashMap<>();

  private final String path;
  private final JFastText model;

  public FastTextLanguageIdentifier(Path modelFile) {
    if (!Files.isRegularFile(modelFile)) {
      throw new IllegalArgumentException("fasttext_model: file not found: " + modelFile);
    }
    this.path = modelFile.toAbsolutePath().toString();
    synchronized (MODELS) {
      this.model = MODELS.computeIfAbsent(path, p -> {
        JFastText ft = new JFastText();
        ft.loadModel(p);
        return ft;
      });
    }
  }

  @Override
  public Prediction identify(String text) {
    String t = text.replace('\n', ' ');
    JFastText.ProbLabel pl;
    synchronized (model) {
      pl = model.predictProba(t);
    }
    if (pl == null || pl.label == null) {
      return Prediction.UNKNOWN;
    }
    String label = pl.label.startsWith("__label__") ? pl.label.substring("__label__".length()) : pl.label;
    return new Prediction(label, Math.exp(pl.logProb));
  }

  @Override
  public String model() {
    return "fasttext:" + path;
  }
}

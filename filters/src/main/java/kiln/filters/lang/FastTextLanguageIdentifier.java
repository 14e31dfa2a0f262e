package kiln.filters.lang;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import kiln.core.config.ConfigNode;
import kiln.filters.model.FastTextModel;
import kiln.filters.model.FastTextPrediction;
import kiln.filters.model.ModelFiles;

/**
 * A user-supplied fastText language-ID model (e.g. {@code lid.176.bin} or {@code lid.176.ftz}, the model FineWeb
 * used) through Kiln's pure-Java fastText reader ({@link FastTextModel}: same labels and probabilities as the
 * fastText binary). As datatrove does, newlines become spaces and the top label is taken; its probability is the
 * score (fastText's p + 1e-5, capped at 1), and the {@code __label__} prefix is dropped ({@code __label__en}
 * gives {@code en}). One model per file per JVM.
 */
public final class FastTextLanguageIdentifier implements LanguageIdentifier {
  private static final String PREFIX = "__label__";

  private final FastTextModel model;

  public FastTextLanguageIdentifier(FastTextModel model) {
    if (model == null) {
      throw new IllegalArgumentException("fasttext_model: must not be null");
    }
    this.model = model;
  }

  /** Loads (or reuses) the model file; an unreadable or invalid file throws, naming it. */
  public FastTextLanguageIdentifier(Path modelFile) {
    this(load(modelFile));
  }

  private static FastTextModel load(Path modelFile) {
    try {
      return FastTextModel.shared(modelFile);
    } catch (IOException e) {
      throw new IllegalArgumentException("fasttext_model: cannot load " + modelFile + ": " + e.getMessage(), e);
    }
  }

  /** The model named by {@code key} (relative to the config file); bad files fail naming file and key. */
  public static FastTextLanguageIdentifier fromConfig(ConfigNode c, String key) {
    return new FastTextLanguageIdentifier(ModelFiles.fastText(c, key));
  }

  @Override
  public Prediction identify(String text) {
    List<FastTextPrediction> top = model.predict(text.replace('\n', ' '), 1, 0f);
    if (top.isEmpty()) {
      return Prediction.UNKNOWN;
    }
    String label = top.get(0).label();
    String lang = label.startsWith(PREFIX) ? label.substring(PREFIX.length()) : label;
    return new Prediction(lang, Math.min(1.0, top.get(0).probability()));
  }

  @Override
  public String model() {
    return "fasttext:" + model.file();
  }
}

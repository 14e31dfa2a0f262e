package kiln.filters.lang;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * optimaize language-detector 0.6 with its 71 bundled profiles (character 1-3-gram naive Bayes, a port of
 * Shuyo's langdetect). Codes are ISO 639-1 ({@code zh-CN}/{@code zh-TW} are reported as {@code zh}). Only the
 * first {@code maxChars} UTF-16 units are classified (speed; language rarely changes after that). The
 * detector draws random samples with a fixed seed, so results are deterministic.
 */
public final class OptimaizeLanguageIdentifier implements LanguageIdentifier {
  public static final int DEFAULT_MAX_CHARS = 2000;

  private static volatile LanguageDetector detector;
  private static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingOnLargeText();

  private final int maxChars;

  public OptimaizeLanguageIdentifier(int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("max_chars: must be >= 1, got " + maxChars);
    }
    this.maxChars = maxChars;
  }

  private static LanguageDetector detector() {
    LanguageDetector d = detector;
    if (d == null) {
      synchronized (OptimaizeLanguageIdentifier.class) {
        d = detector;
        if (d == null) {
          try {
            List<LanguageProfile> profiles = new LanguageProfileReader().readAllBuiltIn();
            d = LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot load optimaize language profiles", e);
          }
          detector = d;
        }
      }
    }
    return d;
  }

  @Override
  public Prediction identify(String text) {
    String t = text.length() > maxChars ? text.substring(0, maxChars) : text;
    List<DetectedLanguage> probs = detector().getProbabilities(TEXT.forText(t));
    if (probs.isEmpty()) {
      return Prediction.UNKNOWN;
    }
    DetectedLanguage top = probs.get(0);
    return new Prediction(top.getLocale().getLanguage(), top.getProbability());
  }

  @Override
  public java.util.Set<String> languages() {
    return LANGUAGES;
  }

  private static final java.util.Set<String> LANGUAGES = java.util.Collections.unmodifiableSet(supportedLanguages());

  /** ISO 639-1 codes of the bundled profiles (zh-CN and zh-TW both as zh). */
  public static java.util.Set<String> supportedLanguages() {
    try {
      java.util.Set<String> out = new java.util.TreeSet<>();
      for (LanguageProfile p : new LanguageProfileReader().readAllBuiltIn()) {
        out.add(p.getLocale().getLanguage());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String model() {
    return "optimaize-0.6";
  }
}

package kiln.filters.lm;

import kiln.tokenize.SentencePieceTokenizer;
import kiln.tokenize.Tokenizer;
import kiln.tokenize.Tokenizers;

/**
 * Turns one line of text into the words a language model sees, the same way for training ({@code kiln lm
 * train}) and scoring: {@link CcNetNormalizer} first, then either SentencePiece pieces (CCNet's
 * {@code sp.encode_as_pieces} on the normalised line, spec {@code spm:...}) or a split at whitespace
 * ({@code whitespace}). Thread-safe: each thread gets its own SentencePiece encoder.
 */
public final class LmTokenizer {
  public static final String WHITESPACE = "whitespace";

  private final String spec;
  private final ThreadLocal<SentencePieceTokenizer> spm;

  private LmTokenizer(String spec, ThreadLocal<SentencePieceTokenizer> spm) {
    this.spec = spec;
    this.spm = spm;
  }

  /**
   * {@code whitespace} or a SentencePiece spec of {@link Tokenizers#open} ({@code spm:builtin:kiln-demo},
   * {@code spm:PATH.model}); throws IllegalArgumentException for anything else.
   */
  public static LmTokenizer open(String spec) {
    if (WHITESPACE.equals(spec)) {
      return new LmTokenizer(spec, null);
    }
    if (spec == null || !spec.startsWith("spm:")) {
      throw new IllegalArgumentException("expected 'whitespace' or a SentencePiece spec spm:builtin:NAME or "
          + "spm:PATH.model, got '" + spec + "'");
    }
    Tokenizer first = Tokenizers.open(spec);
    if (!(first instanceof SentencePieceTokenizer sp)) {
      first.close();
      throw new IllegalArgumentException("'" + spec + "' is not a SentencePiece model");
    }
    ThreadLocal<SentencePieceTokenizer> tl = ThreadLocal.withInitial(
        () -> (SentencePieceTokenizer) Tokenizers.open(spec));
    tl.set(sp);
    return new LmTokenizer(spec, tl);
  }

  public String spec() {
    return spec;
  }

  /** The words of one line (no newline inside); empty for a blank line. */
  public String[] words(String line) {
    String norm = CcNetNormalizer.normalize(line);
    if (norm.isEmpty()) {
      return new String[0];
    }
    if (spm == null) {
      // the normaliser can leave a space at an end ("— a" becomes " - a"); KenLM ignores empty words, so do we
      String t = norm.strip();
      return t.isEmpty() ? new String[0] : t.split("\\s+");
    }
    SentencePieceTokenizer sp = spm.get();
    return sp.pieces(sp.encode(norm));
  }
}

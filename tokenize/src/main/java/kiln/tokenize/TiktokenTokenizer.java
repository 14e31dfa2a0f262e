package kiln.tokenize;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.Locale;

/**
 * OpenAI's tiktoken BPE encodings through jtokkit (pure Java; the {@code .tiktoken} files are in its jar).
 * Encodes with {@code encodeOrdinary}: special-token text such as {@code <|endoftext|>} inside a document is
 * ordinary text, never a control id. Vocabulary sizes and end-of-text ids are tiktoken's
 * ({@code tiktoken_ext/openai_public.py}: {@code n_vocab} and {@code <|endoftext|>}).
 */
public final class TiktokenTokenizer implements Tokenizer {
  private final EncodingType type;
  private final Encoding enc;
  private final int vocab;
  private final int eot;

  public TiktokenTokenizer(String name) {
    this.type = EncodingType.fromName(name.toLowerCase(Locale.ROOT)).orElseThrow(() -> new IllegalArgumentException(
        "unknown tiktoken encoding '" + name + "' (expected r50k_base|p50k_base|p50k_edit|cl100k_base|o200k_base)"));
    this.enc = Encodings.newDefaultEncodingRegistry().getEncoding(type);
    switch (type) {
      case R50K_BASE -> { vocab = 50257; eot = 50256; }
      case P50K_BASE -> { vocab = 50281; eot = 50256; }
      case P50K_EDIT -> { vocab = 50284; eot = 50256; }
      case CL100K_BASE -> { vocab = 100277; eot = 100257; }
      case O200K_BASE -> { vocab = 200019; eot = 199999; }
      default -> throw new IllegalArgumentException("unsupported tiktoken encoding " + type);
    }
  }

  @Override
  public int[] encode(String text) {
    return enc.encodeOrdinary(text).toArray();
  }

  @Override
  public String decode(int[] ids) {
    IntArrayList list = new IntArrayList(ids.length);
    for (int id : ids) {
      if (id != eot) {
        list.add(id);
      }
    }
    return enc.decode(list);
  }

  @Override
  public int vocabSize() {
    return vocab;
  }

  @Override
  public String id() {
    return "tiktoken:" + type.getName();
  }

  @Override
  public int eodId() {
    return eot;
  }

  @Override
  public int bosId() {
    return -1;
  }

  @Override
  public void close() {}
}

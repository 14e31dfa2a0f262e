package kiln.filters.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.util.Attribute;

/**
 * Unicode word segmentation with Lucene's {@link ICUTokenizer}: UAX #29 word breaks for alphabetic scripts,
 * dictionary-based segmentation for Chinese and Japanese ({@code cjkAsWords}), Thai, Lao, Khmer and Myanmar.
 * Only tokens holding a letter, digit or ideograph are words; punctuation and symbols are dropped. Per language:
 * English "don't" is one word, "e.g." is one word, "3.14" is one word; Chinese 我们是学生 gives 我们 / 是 / 学生.
 * One tokenizer per thread (Lucene tokenizers are stateful).
 */
public final class IcuWordSplitter implements WordSplitter {
  public static final IcuWordSplitter INSTANCE = new IcuWordSplitter();

  private static final ThreadLocal<ICUTokenizer> TOKENIZER =
      ThreadLocal.withInitial(() -> new ICUTokenizer(new DefaultICUTokenizerConfig(true, true)));

  private IcuWordSplitter() {}

  @Override
  public List<String> words(String text) {
    List<String> out = new ArrayList<>();
    split(text, out);
    return out;
  }

  @Override
  public int count(String text) {
    return split(text, null);
  }

  /**
   * The words as ranges of {@code text}: the tokenizer neither normalises nor rewrites characters, so a token's
   * offsets delimit exactly its term.
   */
  public WordSpans spans(String text) {
    // about one word per six characters of prose
    WordSpans out = new WordSpans(text, text.length() / 6);
    tokens(text, OffsetAttribute.class, off -> out.add(off.startOffset(), off.endOffset()));
    return out;
  }

  /** Adds the words to {@code out} when given; returns how many there are. */
  private static int split(String text, List<String> out) {
    int[] n = {0};
    tokens(text, CharTermAttribute.class, term -> {
      if (out != null) {
        out.add(term.toString());
      }
      n[0]++;
    });
    return n[0];
  }

  /** Runs this thread's tokenizer over {@code text}, handing {@code each} the attribute after every token. */
  private static <A extends Attribute> void tokens(String text, Class<A> attribute, Consumer<A> each) {
    ICUTokenizer t = TOKENIZER.get();
    try {
      t.setReader(new StringReader(text));
      A a = t.addAttribute(attribute);
      t.reset();
      while (t.incrementToken()) {
        each.accept(a);
      }
      t.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        t.close();
      } catch (IOException e) {
        // closing a StringReader cannot fail
      }
    }
  }
}

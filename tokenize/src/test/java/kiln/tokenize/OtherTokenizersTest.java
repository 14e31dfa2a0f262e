package kiln.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherTokenizersTest {
  @TempDir Path tmp;

  @Test
  void tiktokenCl100k() {
    try (Tokenizer t = Tokenizers.open("tiktoken:cl100k_base")) {
      assertArrayEquals(new int[] {15339, 1917}, t.encode("hello world"));
      assertEquals("hello world", t.decode(new int[] {15339, 1917, t.eodId()}));
      assertEquals(100277, t.vocabSize());
      assertEquals(100257, t.eodId());
      assertEquals("tiktoken:cl100k_base", t.id());
      // encodeOrdinary: special-token text in a document is plain text, never the control id.
      int[] ids = t.encode("<|endoftext|>");
      assertTrue(ids.length > 1 && java.util.Arrays.stream(ids).noneMatch(i -> i == 100257));
    }
  }

  /**
   * Converts a SentencePiece unigram model into a Hugging Face Unigram tokenizer.json (Metaspace pre-tokenizer,
   * byte fallback; no normalizer, so only text that nmt_nfkc leaves unchanged is comparable).
   */
  static Path toTokenizerJson(SpmModel m, Path file) throws IOException {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode();
    root.put("version", "1.0");
    ArrayNode added = root.putArray("added_tokens");
    ObjectNode model = om.createObjectNode();
    model.put("type", "Unigram");
    model.put("unk_id", m.unkId());
    model.put("byte_fallback", true);
    ArrayNode vocab = model.putArray("vocab");
    for (int i = 0; i < m.size(); i++) {
      ArrayNode e = vocab.addArray();
      e.add(m.piece(i));
      e.add(m.score(i));
      if (m.type(i) == SpmModel.CONTROL || m.type(i) == SpmModel.UNKNOWN) {
        ObjectNode a = added.addObject();
        a.put("id", i);
        a.put("content", m.piece(i));
        a.put("single_word", false);
        a.put("lstrip", false);
        a.put("rstrip", false);
        a.put("normalized", false);
        a.put("special", true);
      }
    }
    root.putNull("truncation");
    root.putNull("padding");
    root.putNull("normalizer");
    ObjectNode pre = root.putObject("pre_tokenizer");
    pre.put("type", "Metaspace");
    pre.put("replacement", "\u2581");
    pre.put("prepend_scheme", "always");
    pre.put("split", true);
    root.putNull("post_processor");
    root.putNull("decoder");
    root.set("model", model);
    om.writeValue(file.toFile(), root);
    return file;
  }

  @Test
  void huggingFaceConvertedDemoModelGivesTheSamePieces() throws IOException {
    try (SentencePieceTokenizer spm = (SentencePieceTokenizer) Tokenizers.open(Tokenizers.DEFAULT_SPEC)) {
      Path json = toTokenizerJson(spm.model(), tmp.resolve("tokenizer.json"));
      try (HuggingFaceTokenizer hf = (HuggingFaceTokenizer) Tokenizers.open("hf:" + json)) {
        assertEquals(4000, hf.vocabSize());
        assertEquals(2, hf.eodId());
        assertEquals(1, hf.bosId());
        assertTrue(hf.id().startsWith("hf:"), hf.id());
        String[] texts = {
            "Tokenizers turn text into ids; shards hold the ids.",
            "public static TokenizeStage fromConfig(ConfigNode cfg) { return new TokenizeStage(spec); }",
            "Megatron writes uint16 when the vocabulary is smaller than 65500, else int32.",
            // 600+ tokens: DJL's default would truncate at 512; the options turn that off.
            "The quick brown fox jumps over the lazy dog. ".repeat(60).trim()};
        for (String text : texts) {
          int[] ids = spm.encode(text);
          assertArrayEquals(spm.pieces(ids), hf.tokens(text), text.substring(0, 40));
          assertArrayEquals(ids, hf.encode(text), text.substring(0, 40));
        }
      }
    }
  }
}

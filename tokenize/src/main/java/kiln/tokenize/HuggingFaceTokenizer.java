package kiln.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} through DJL's binding of the Rust {@code tokenizers} library (the CPU
 * native library is in the jar; set {@code RUST_FLAVOR=cpu} on GPU hosts, otherwise DJL may try to download a
 * CUDA build). Options {@code addSpecialTokens=false, truncation=false, padding=false}: DJL's defaults truncate
 * at 512 tokens and pad batches. Vocabulary size and the end-of-document id come from the JSON: size = largest
 * id in {@code model.vocab} and {@code added_tokens} + 1; EOD = the first special added token among
 * {@link #EOD_CANDIDATES}.
 */
public final class HuggingFaceTokenizer implements Tokenizer {
  /** Special-token spellings taken as end-of-document, in order of preference. */
  public static final List<String> EOD_CANDIDATES =
      List.of("</s>", "<|endoftext|>", "<|end_of_text|>", "<eos>", "<|im_end|>");
  public static final List<String> BOS_CANDIDATES = List.of("<s>", "<|begin_of_text|>", "<bos>");

  private final ai.djl.huggingface.tokenizers.HuggingFaceTokenizer hf;
  private final String id;
  private final int vocab;
  private final int eod;
  private final int bos;

  public HuggingFaceTokenizer(Path tokenizerJson) {
    try {
      byte[] bytes = Files.readAllBytes(tokenizerJson);
      JsonNode root = new ObjectMapper().readTree(bytes);
      int max = -1;
      JsonNode vocabNode = root.path("model").path("vocab");
      if (vocabNode.isObject()) {
        for (JsonNode v : vocabNode) {
          max = Math.max(max, v.asInt());
        }
      } else if (vocabNode.isArray()) { // Unigram: [[piece, score], ...], id = position
        max = vocabNode.size() - 1;
      }
      int e = -1;
      int b = -1;
      for (JsonNode t : root.path("added_tokens")) {
        int tid = t.path("id").asInt();
        max = Math.max(max, tid);
        String content = t.path("content").asText();
        if (t.path("special").asBoolean(false)) {
          if (e < 0 && EOD_CANDIDATES.contains(content)) {
            e = tid;
          }
          if (b < 0 && BOS_CANDIDATES.contains(content)) {
            b = tid;
          }
        }
      }
      if (max < 0) {
        throw new IllegalArgumentException(tokenizerJson + ": no model.vocab and no added_tokens");
      }
      this.vocab = max + 1;
      this.eod = e;
      this.bos = b;
      Path parent = tokenizerJson.toAbsolutePath().getParent();
      this.id = "hf:" + (parent == null ? "" : parent.getFileName() + "/") + tokenizerJson.getFileName() + ":"
          + SentencePieceTokenizer.sha256Prefix(bytes);
      this.hf = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(tokenizerJson,
          Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson, ex);
    }
  }

  @Override
  public int[] encode(String text) {
    long[] ids = hf.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /** Token strings of {@code text} as the Rust library reports them. */
  public String[] tokens(String text) {
    return hf.encode(text, false, false).getTokens();
  }

  @Override
  public String decode(int[] ids) {
    long[] l = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      l[i] = ids[i];
    }
    return hf.decode(l, true);
  }

  @Override
  public int vocabSize() {
    return vocab;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int eodId() {
    return eod;
  }

  @Override
  public int bosId() {
    return bos;
  }

  @Override
  public void close() {
    hf.close();
  }
}

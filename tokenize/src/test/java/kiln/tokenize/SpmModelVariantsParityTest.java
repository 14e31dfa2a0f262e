package kiln.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ids equal {@code spm_encode}'s for models trained here with the options that change encoding: normalization
 * rules (NFKC, NFKC + case folding, identity), user-defined symbols, byte fallback on and off, whitespace kept
 * or collapsed, dummy prefix off, whitespace as suffix, for unigram and BPE models. Both are encoded by the Java
 * port ({@link kiln.tokenize.spm.SpmEncoder}), so this is where its normalizer, segmentation and unknown handling
 * are pinned. Input:
 * real text from $KILN_SHARED plus crafted lines (odd whitespace, controls, emoji, ligatures, unseen scripts).
 */
class SpmModelVariantsParityTest {
  static Path dir;
  static List<String> lines;

  @BeforeAll
  static void corpus() throws IOException {
    Assumptions.assumeTrue(SpmEncodeParityTest.spmEncodeAvailable(),
        "spm_encode not found: install Debian package sentencepiece");
    dir = Files.createTempDirectory("kiln-spm-variants");
    lines = new ArrayList<>();
    Map<String, String> texts = SpmEncodeParityTest.realTexts();
    for (String text : texts.values()) {
      for (String l : text.split("\n", -1)) {
        if (lines.size() < 60_000) {
          lines.add(l);
        }
      }
    }
    lines.addAll(List.of(
        "  leading and trailing  ", "tab\there\t\tand\u3000ideographic\u00a0nbsp", "\u0001control\u0007chars\u007f",
        "emoji \uD83D\uDE00\uD83D\uDE00 pair \uD83D\uDC69\u200D\uD83D\uDCBB zwj", "\uFB01ligature \uFF21\uFF22 fullwidth",
        "e\u0301 combining, \u00e9 precomposed", "Ἀθῆναι Αθήνα", "\u1F600 ᚠᛇᚻ runes ꦲꦏ javanese", "<code>x@@y</code> @@",
        "digits 1234567890 and 3.14159", "    ", "\u2581 literal lower block \u2581\u2581", "MiXeD CaSe ΣΊΣΥΦΟΣ",
        "\uFFFD replacement", "a\u200Bzero\u200Bwidth", "\u0000nul"));
    Files.write(dir.resolve("train.txt"), lines.subList(0, Math.min(lines.size(), 20_000)), StandardCharsets.UTF_8);
    Files.write(dir.resolve("in.txt"), lines, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "unigram nfkc --byte_fallback=false --user_defined_symbols=<code>,</code>,@@",
      "unigram nfkc_cf --normalization_rule_name=nmt_nfkc_cf --byte_fallback=true --split_digits=true",
      "unigram identity --normalization_rule_name=identity --remove_extra_whitespaces=false --add_dummy_prefix=false",
      "unigram suffix --treat_whitespace_as_suffix=true --character_coverage=0.98",
      "bpe fallback --model_type=bpe --byte_fallback=true --user_defined_symbols=<code>,@@",
      "bpe nfkc_cf --model_type=bpe --normalization_rule_name=nmt_nfkc_cf --character_coverage=0.98"})
  void idsEqualSpmEncode(String variant) throws Exception {
    String[] words = variant.split(" ");
    String name = words[0] + "-" + words[1];
    List<String> cmd = new ArrayList<>(List.of("spm_train", "--input=" + dir.resolve("train.txt"),
        "--model_prefix=" + dir.resolve(name), "--vocab_size=1000", "--input_sentence_size=20000",
        "--num_threads=2", "--minloglevel=2"));
    for (int i = 1; i < words.length; i++) {
      if (words[i].startsWith("--")) {
        cmd.add(words[i]);
      }
    }
    run(cmd);
    Path model = dir.resolve(name + ".model");
    Path out = dir.resolve(name + ".ids");
    run(List.of("spm_encode", "--model=" + model, "--output_format=id", "--input=" + dir.resolve("in.txt"),
        "--output=" + out));
    List<String> expected = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(lines.size(), expected.size());
    long tokens = 0;
    try (SentencePieceTokenizer tok = SentencePieceTokenizer.open(model)) {
      assertTrue(tok.encodesInJava(), "Java encoder for " + variant);
      for (int i = 0; i < lines.size(); i++) {
        int[] ids = tok.encode(lines.get(i));
        assertEquals(expected.get(i).trim(), join(ids), variant + ", line " + (i + 1) + ": " + lines.get(i));
        tokens += ids.length;
      }
    }
    assertTrue(tokens > 300_000, tokens + " tokens");
  }

  private static String join(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(id);
    }
    return sb.toString();
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + " failed: " + log);
  }
}

package kiln.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.filters.decontam.NGramIndex;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecontaminationFilterTest {

  private static Path gsm8k() {
    Path p = SharedData.data("decontam/gsm8k/test.jsonl").orElse(null);
    Assumptions.assumeTrue(p != null, "needs shared data decontam/gsm8k/test.jsonl");
    return p;
  }

  private static String firstQuestion(Path p) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(p)) {
      return new ObjectMapper().readTree(r.readLine()).get("question").asText();
    }
  }

  @Test
  void gsm8kQuestionRemovedNeighbourKept() throws IOException {
    Path p = gsm8k();
    DecontaminationFilter f = DecontaminationFilter.fromConfig(ConfigNode.parse(
        "benchmarks:\n  gsm8k: {path: '" + p + "', fields: [question, answer]}\n", "t"));
    String q = firstQuestion(p);
    String doc = "Math homework help for parents. " + q + " Post your answer in the comments below.";
    FilterResult r = f.apply(TestDocs.web(doc));
    assertEquals("gsm8k", r.rule());
    assertEquals(DecontaminationFilter.reasonFor("gsm8k"), "decontamination:gsm8k");
    // neighbour: same question with every 12th word replaced, so no 13 consecutive words survive
    String[] words = q.split(" ");
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      changed.add(i % 12 == 6 ? "zebra" : words[i]);
    }
    FilterResult n = f.apply(TestDocs.web("Math homework help for parents. " + String.join(" ", changed)));
    assertTrue(n.kept(), String.valueOf(n.rule()));
  }

  @Test
  void normalisationIgnoresCaseAndPunctuation(@TempDir Path tmp) throws IOException {
    Path csv = tmp.resolve("b.csv");
    Files.writeString(csv, "id,text\n1,\"one two three four five six, seven eight nine ten eleven twelve thirteen\"\n");
    DecontaminationFilter f = DecontaminationFilter.fromConfig(ConfigNode.parse(
        "benchmarks:\n  bench_a: {path: '" + csv + "', fields: [text]}\n", "t"));
    // 13 words match after lower-casing and dropping punctuation
    assertEquals("bench_a", f.apply(TestDocs.web("x ONE two: three four five six seven eight nine ten eleven "
        + "twelve THIRTEEN y")).rule());
    // 12 of 13 words: no match
    assertTrue(f.apply(TestDocs.web("one two three four five six seven eight nine ten eleven twelve")).kept());
  }

  @Test
  void cutModeRemovesAroundTheMatch(@TempDir Path tmp) throws IOException {
    Path jsonl = tmp.resolve("b.jsonl");
    Files.writeString(jsonl, "{\"q\": \"alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu\"}\n");
    DecontaminationFilter f = DecontaminationFilter.fromConfig(ConfigNode.parse(
        "mode: cut\ncut_chars: 10\nmin_fragment_chars: 5\nbenchmarks:\n  b: {path: '" + jsonl + "', fields: [q]}\n",
        "t"));
    // match at [33, 33 + 68); cut 10 chars each side: " xxxxxxxxx " before and " yyyyyyyyy" after go with it
    String doc = "Kept prefix text here." + " xxxxxxxxx "
        + "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu" + " yyyyyyyyy" + " Kept suffix.";
    FilterResult r = f.apply(TestDocs.web(doc));
    assertTrue(r.kept());
    assertEquals("Kept prefix text here.\n\nKept suffix.", r.rewritten().text());
  }

  @Test
  void indexCountsNGrams() {
    NGramIndex idx = new NGramIndex(3, 2);
    idx.names();
    // 5 words -> 5 - 3 + 1 = 3 trigrams
    idx.add(0, "a b c d e");
    assertEquals(3, idx.size());
  }
}

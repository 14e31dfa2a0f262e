package kiln.mixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.core.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurriculumLoaderTest {
  @TempDir Path dir;

  static final String VALID = """
      seed: 7
      output: {format: datatrove, shard_size: 50M, sequence_length: 2048}
      sources:
        web: {paths: [web]}
        code: {paths: [code], max_epochs: 2}
        books: {select: {source: books}, where: "quality_score >= 0.5 and lang == 'en'"}
      phases:
        - name: main
          tokens: 1M
          weights: {web: 0.7, code: 0.2, books: 0.1}
        - name: anneal
          tokens: 200000
          weights: {web: 0.4, code: 0.3, books: 0.3}
          max_epochs: {books: 3}
      """;

  @BeforeEach
  void dirs() throws IOException {
    Files.createDirectories(dir.resolve("web"));
    Files.createDirectories(dir.resolve("code"));
  }

  private Curriculum load(String yaml) throws IOException {
    Path f = dir.resolve("mix.yaml");
    Files.writeString(f, yaml);
    return CurriculumLoader.load(f);
  }

  /** The error is one line, names the file and exactly {@code key}. */
  private ConfigException fails(String yaml, String key, String fragment) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
    assertEquals(key, e.key(), e.getMessage());
    assertTrue(e.getMessage().startsWith(dir.resolve("mix.yaml") + ": key '" + key + "': "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e;
  }

  @Test
  void validCurriculumIsReadWithDefaultsAndOverrides() throws IOException {
    Curriculum c = load(VALID);
    assertEquals(7, c.seed());
    assertTrue(c.strict());
    assertEquals(new Curriculum.Output("datatrove", 50_000_000L, 2048, false), c.output());
    assertEquals(List.of("books", "code", "web"), List.copyOf(c.sources().keySet()));
    assertEquals(List.of(dir.resolve("web").toString()), c.sources().get("web").paths());
    assertTrue(c.sources().get("books").fromUpstream());
    assertEquals("(source == 'books' and (quality_score >= 0.5 and lang == 'en'))",
        c.sources().get("books").filter().orElseThrow().toString());
    assertEquals(2, c.phases().size());
    Curriculum.Phase main = c.phases().get(0);
    assertEquals(1_000_000L, main.tokens());
    assertEquals(0.7, main.weights().get("web"), 1e-12);
    // source default max_epochs 1, source-level 2 for code
    assertEquals(1, main.maxEpochs().get("web"));
    assertEquals(2, main.maxEpochs().get("code"));
    // phase override
    assertEquals(3, c.phases().get(1).maxEpochs().get("books"));
    assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    assertTrue(c.needsUpstream());
  }

  @Test
  void nonStrictWeightsAreNormalisedWithAWarning() throws IOException {
    Curriculum c = load(VALID.replace("seed: 7", "seed: 7\nstrict: false")
        .replace("{web: 0.7, code: 0.2, books: 0.1}", "{web: 6, code: 3, books: 1}"));
    // 6/10, 3/10, 1/10
    assertEquals(0.6, c.phases().get(0).weights().get("web"), 1e-12);
    assertEquals(0.3, c.phases().get(0).weights().get("code"), 1e-12);
    assertEquals(0.1, c.phases().get(0).weights().get("books"), 1e-12);
    assertEquals(1, c.warnings().size());
    assertTrue(c.warnings().get(0).contains("key 'phases[0].weights': weights sum to 10, not 1; normalised"),
        c.warnings().get(0));
  }

  @Test
  void sourceWithoutWeightAnywhereIsAWarning() throws IOException {
    Curriculum c = load(VALID.replace("books: {select", "extra: {paths: [web]}\n  books: {select"));
    assertEquals(1, c.warnings().size());
    assertTrue(c.warnings().get(0).contains("sources.extra"), c.warnings().get(0));
  }

  @Test
  void inlineFormFromANodeResolvesSelectSources() {
    Curriculum c = CurriculumLoader.fromNode(kiln.core.config.ConfigNode.parse("""
        seed: 1
        sources:
          web: {select: {source: web}}
          code: {select: {source: code}}
        phases:
          - {name: only, tokens: 10K, weights: {web: 0.5, code: 0.5}}
        """, "pipeline.yaml"), dir);
    assertEquals("source == 'web'", c.sources().get("web").filter().orElseThrow().toString());
    assertEquals(10_000L, c.phases().get(0).tokens());
  }

  // ---- invalid configs: one kind per test, each names its key ----

  @Test
  void negativeWeight() {
    fails(VALID.replace("web: 0.7", "web: -0.7"), "phases[0].weights.web", "weight must be >= 0, got -0.7");
  }

  @Test
  void weightsNotSummingToOneInStrictMode() {
    fails(VALID.replace("web: 0.7", "web: 0.6"), "phases[0].weights", "weights sum to 0.9, not 1 (strict: true");
  }

  @Test
  void unknownSourceInWeights() {
    fails(VALID.replace("books: 0.1}", "vid: 0.1}"), "phases[0].weights.vid", "unknown source 'vid' (sources: books, code, web)");
  }

  @Test
  void duplicateSourceName() {
    fails(VALID.replace("  code: {paths: [code], max_epochs: 2}", "  code: {paths: [code]}\n  code: {paths: [web]}"),
        "sources.code", "duplicate key (line 6)");
  }

  @Test
  void duplicateWeightKey() {
    fails(VALID.replace("{web: 0.7, code: 0.2, books: 0.1}", "{web: 0.7, code: 0.2, web: 0.1}"),
        "phases[0].weights.web", "duplicate key");
  }

  @Test
  void duplicatePhaseName() {
    fails(VALID.replace("name: anneal", "name: main"), "phases[1].name", "duplicate phase name 'main' (also phases[0])");
  }

  @Test
  void missingPath() {
    fails(VALID.replace("paths: [code]", "paths: [code, nowhere]"), "sources.code.paths[1]",
        "path does not exist: " + dir.resolve("nowhere"));
  }

  @Test
  void bothPathsAndSelect() {
    fails(VALID.replace("web: {paths: [web]}", "web: {paths: [web], select: {source: web}}"), "sources.web",
        "give either paths or select, not both");
  }

  @Test
  void neitherPathsNorSelect() {
    fails(VALID.replace("web: {paths: [web]}", "web: {max_epochs: 2}"), "sources.web", "needs paths");
  }

  @Test
  void nonPositiveBudget() {
    fails(VALID.replace("tokens: 1M", "tokens: 0"), "phases[0].tokens", "must be a positive token count, got 0");
  }

  @Test
  void unparsableBudget() {
    fails(VALID.replace("tokens: 1M", "tokens: lots"), "phases[0].tokens", "'lots' is not a token count");
  }

  @Test
  void maxEpochsBelowOne() {
    fails(VALID.replace("max_epochs: {books: 3}", "max_epochs: {books: 0}"), "phases[1].max_epochs.books",
        "must be between 1 and 1000000, got 0");
  }

  @Test
  void maxEpochsForASourceThePhaseDoesNotUse() {
    fails(VALID.replace("weights: {web: 0.4, code: 0.3, books: 0.3}", "weights: {web: 0.7, code: 0.3}"),
        "phases[1].max_epochs.books", "source 'books' has no weight in this phase");
  }

  @Test
  void unparsableWhere() {
    fails(VALID.replace("quality_score >= 0.5", "quality_score >>= 0.5"), "sources.books.where",
        "cannot parse 'quality_score >>= 0.5 and lang == 'en'': expected a number");
  }

  @Test
  void unknownKeyWithSuggestion() {
    fails(VALID.replace("max_epochs: 2", "max_epoch: 2"), "sources.code.max_epoch",
        "unknown key (did you mean 'max_epochs'?)");
  }

  @Test
  void unknownOutputFormat() {
    fails(VALID.replace("format: datatrove", "format: tfrecord"), "output.format",
        "must be one of megatron|datatrove|parquet, got 'tfrecord'");
  }

  @Test
  void missingSeed() {
    fails(VALID.replace("seed: 7\n", ""), "seed", "is required");
  }

  @Test
  void allWeightsZero() {
    fails(VALID.replace("{web: 0.7, code: 0.2, books: 0.1}", "{web: 0, code: 0}"), "phases[0].weights",
        "weights sum to 0");
  }

  @Test
  void phaseNameUnfitForFileNames() {
    fails(VALID.replace("name: main", "name: main/phase"), "phases[0].name", "phase name must match");
  }

  @Test
  void emptySelect() {
    fails(VALID.replace("select: {source: books}", "select: {}"), "sources.books.select",
        "must map at least one column to a value");
  }

  @Test
  void noPhases() {
    fails(VALID.substring(0, VALID.indexOf("phases:")) + "phases: []\n", "phases", "must list at least one phase");
  }
}

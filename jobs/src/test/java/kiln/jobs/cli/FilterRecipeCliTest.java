package kiln.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import kiln.core.SharedData;
import kiln.core.stats.StageStats;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FilterRecipeCliTest {

  /** Runs the CLI, returning the exit code and what it printed on standard error. */
  private static String[] run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = KilnCli.execute(args);
    } finally {
      System.setErr(old);
    }
    return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8).strip()};
  }

  @Test
  void helpListsTheRecipesAndTheDefaultChain() {
    String usage = new CommandLine(new KilnCli()).getSubcommands().get("filter").getUsageMessage();
    assertTrue(usage.contains("--recipe"), usage);
    assertTrue(usage.contains("fineweb (default)"), usage);
    String flat = usage.replaceAll("\\s+", " ");
    assertTrue(flat.contains("url -> language -> gopher_repetition -> gopher_quality -> c4_quality -> "
        + "fineweb_quality -> pii_redaction"), usage);
    for (String name : new String[] {"c4", "gopher", "dclm-heuristics", "none"}) {
      assertTrue(usage.lines().anyMatch(l -> l.equals("  " + name)), name + "\n" + usage);
    }
  }

  @Test
  void unknownRecipeExitsTwoNamingTheOption(@TempDir Path dir) {
    String[] r = run("filter", "--in", dir.resolve("in").toString(), "--out", dir.resolve("out").toString(),
        "--recipe", "refinedweb");
    assertEquals("2", r[0], r[1]);
    assertEquals(1, r[1].lines().count(), r[1]);
    assertTrue(r[1].startsWith("kiln: --recipe: unknown recipe 'refinedweb' (known: fineweb, c4, gopher, "
        + "dclm-heuristics, none)"), r[1]);
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void recipeOptionAndAConfigChainConflict(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("filter.yaml");
    Files.writeString(cfg, "filters:\n  - length: {min_chars: 10}\n");
    String[] r = run("filter", "--in", dir.resolve("in").toString(), "--out", dir.resolve("out").toString(),
        "--config", cfg.toString(), "--recipe", "c4");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].startsWith("kiln: config error: " + cfg + ": key 'filters': conflicts with --recipe c4"), r[1]);
    Files.writeString(cfg, "recipe: gopehr\n");
    r = run("filter", "--in", dir.resolve("in").toString(), "--out", dir.resolve("out").toString(),
        "--config", cfg.toString());
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].startsWith("kiln: config error: " + cfg + ": key 'recipe': unknown recipe 'gopehr'"), r[1]);
  }

  @Test
  void filterWithoutConfigRunsTheFineWebRecipe(@TempDir Path dir) throws Exception {
    Path testPages = SharedData.data("web/html/mozilla-readability-testpages/test/test-pages").orElse(null);
    Assumptions.assumeTrue(testPages != null,
        "needs $KILN_SHARED/data/web/html/mozilla-readability-testpages/test/test-pages");
    // real pages: English news and docs, plus Czech, Portuguese, German, French and Chinese ones
    Path pages = Files.createDirectories(dir.resolve("pages"));
    for (String name : new String[] {"aktualne", "folha", "heise", "lemonde-1", "gmw", "ars-1", "bbc-1",
        "guardian-1", "nytimes-1", "wikipedia", "lwn-1", "mozilla-1", "basic-tags-cleaning", "medium-1"}) {
      Files.copy(testPages.resolve(name).resolve("source.html"), pages.resolve(name + ".html"));
    }
    Path docs = dir.resolve("ingest");
    String[] ingest = run("ingest", "--format", "html", "--in", pages.toString(), "--out", docs.toString());
    assertEquals("0", ingest[0], ingest[1]);
    Path out = dir.resolve("filter");
    String[] filter = run("filter", "--in", docs.resolve("kept").toString(), "--out", out.toString());
    assertEquals("0", filter[0], filter[1]);

    StageStats s = StageStats.fromJson(Files.readString(out.resolve("_stats.json")));
    assertEquals(s.docsIn(), s.docsKept() + s.docsRejected());
    assertTrue(s.docsKept() > 0, s.toJson());
    assertTrue(s.docsRejected() > 0, s.toJson());
    Set<String> fineweb = Set.of("url", "language", "gopher_repetition", "gopher_quality", "c4_quality",
        "fineweb_quality", "pii_redaction");
    Set<String> seen = new java.util.TreeSet<>();
    for (String reason : s.reasons().keySet()) {
      String filterName = reason.substring(0, reason.indexOf(':'));
      assertTrue(fineweb.contains(filterName), reason);
      seen.add(filterName);
    }
    // the real pages hold non-English and short pages: at least the language and a Gopher filter fire
    assertTrue(seen.contains("language"), s.toJson());
    assertTrue(seen.contains("gopher_quality") || seen.contains("gopher_repetition"), s.toJson());
  }
}

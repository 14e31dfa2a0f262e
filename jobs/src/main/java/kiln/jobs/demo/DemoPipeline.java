package kiln.jobs.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** The pipeline the demo runs, written out as YAML next to its output so users can rerun and edit it. */
public final class DemoPipeline {
  private DemoPipeline() {}

  /**
   * The checkout the demo samples: {@code $KILN_HOME} (set by {@code bin/kiln}), else the nearest folder
   * upwards from the working directory that holds {@code docs/} and the reactor pom.
   */
  public static Path repoRoot() {
    String home = System.getenv("KILN_HOME");
    if (home != null && Files.isDirectory(Path.of(home, "docs"))) {
      return Path.of(home).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("core/pom.xml"))) {
        return p;
      }
    }
    throw new IllegalArgumentException("the demo samples the Kiln checkout: run it through bin/kiln, "
        + "or set KILN_HOME to the checkout");
  }

  public static String sampleYaml(DemoSample.Sample s) {
    return header("demo")
        + "inputs:\n"
        + "  - {format: warc, source: web, paths: [\"" + s.warc().getParent() + "\"]}\n"
        + "  - {format: code, source: code, paths: [\"" + s.code() + "\"]}\n"
        + "  - {format: gutenberg, source: books, paths: [\"" + s.books() + "\"]}\n"
        + STAGES;
  }

  public static String sharedYaml(Path data, DemoSample.Sample s) {
    return header("demo-shared")
        + "inputs:\n"
        + "  - {format: warc, source: web, paths: [\"" + data.resolve("web/warc") + "\"]}\n"
        + "  - {format: code, source: code, paths: [\"" + s.code() + "\"]}\n"
        + "  - {format: gutenberg, source: books, paths: [\"" + data.resolve("books/gutenberg") + "\"]}\n"
        + STAGES;
  }

  private static String header(String name) {
    return "# Written by `kiln demo`; run it again with: bin/kiln run pipeline.yaml --out DIR\n"
        + "name: " + name + "\n";
  }

  /**
   * First versions of every stage: a length filter, exact dedup, the project's own SentencePiece model, and a
   * three-source mixture whose small sources repeat (max_epochs) to meet their weights.
   */
  static final String STAGES = """
      stages:
        - filter:
            filters:
              - length: {min_chars: 200}
        - dedup:
            exact: true
        - tokenize:
            tokenizer: "spm:builtin:kiln-demo"
            append_eod: true
        - mix:
            seed: 1234
            sources:
              web: {select: {source: web}, max_epochs: 3}
              code: {select: {source: code}}
              books: {select: {source: books}, max_epochs: 4}
            phases:
              - name: main
                tokens: 60000
                weights: {web: 0.3, code: 0.5, books: 0.2}
            output:
              format: megatron
              shard_size: 20000
      report: true
      """;
}

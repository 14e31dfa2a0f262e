package kiln.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kiln.core.SharedData;
import kiln.jobs.demo.DemoPipeline;
import kiln.jobs.demo.DemoSample;
import kiln.jobs.run.Pipeline;
import kiln.jobs.run.PipelineRunner;
import kiln.jobs.run.Progress;
import kiln.jobs.report.ReportWriter;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The whole pipeline on the bundled sample: the project's docs as a crawl (WARC), its sources as",
        "the code corpus and three short books; ends with Megatron shards, a manifest and a report.",
        "With --shared it runs on the real corpora in $KILN_SHARED/data instead."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "kiln-demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--shared", description = "Use the real corpora in $KILN_SHARED/data (default ../shared/data).")
  boolean shared;

  @Mixin
  SparkOptions sparkOptions;

  @Override
  public Integer call() throws IOException {
    Path outDir = out.toAbsolutePath().normalize();
    Files.createDirectories(outDir);
    Progress progress = new Progress(System.out);
    String yaml;
    if (shared) {
      Path data = SharedData.root().map(r -> r.resolve("data"))
          .orElseThrow(() -> new IllegalArgumentException(
              "--shared needs the shared corpora: set KILN_SHARED (default ../shared) to a folder holding data/"));
      Path repo = DemoPipeline.repoRoot();
      Path sample = outDir.resolve("demo-input");
      DemoSample.Sample s = DemoSample.write(repo, sample);
      yaml = DemoPipeline.sharedYaml(data, s);
      progress.info("demo      real corpora from " + data);
    } else {
      Path repo = DemoPipeline.repoRoot();
      DemoSample.Sample s = DemoSample.write(repo, outDir.resolve("demo-input"));
      progress.info(String.format("demo      sample: %d web pages, %d source files, %d books -> %s",
          s.pages(), s.sourceFiles(), DemoSample.BOOK_COUNT, outDir.resolve("demo-input")));
      yaml = DemoPipeline.sampleYaml(s);
    }
    Path pipelineFile = outDir.resolve("pipeline.yaml");
    Files.writeString(pipelineFile, yaml, StandardCharsets.UTF_8);
    Pipeline p = Pipeline.load(pipelineFile);
    SparkSession spark = SparkSessions.create("kiln demo", sparkOptions.master, sparkOptions.conf);
    try {
      PipelineRunner.Result r = PipelineRunner.run(spark, p, outDir.toString(), progress);
      progress.info("report    " + ReportWriter.write(spark, r.outDir()));
      Summary.print(System.out, r);
      System.out.println("  pipeline.yaml                    the pipeline this demo ran (bin/kiln run it yourself)");
    } finally {
      spark.stop();
    }
    return 0;
  }
}

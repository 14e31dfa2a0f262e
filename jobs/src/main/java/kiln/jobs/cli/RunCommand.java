package kiln.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kiln.jobs.run.Pipeline;
import kiln.jobs.run.PipelineRunner;
import kiln.jobs.run.Progress;
import kiln.jobs.report.ReportWriter;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a pipeline YAML: every stage in order, each into OUT/<stage>/, then the report.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "Pipeline file (docs/cli.md).")
  Path config;

  @Option(names = "--out", description = "Output folder (default: the pipeline's 'output', else ./kiln-out).")
  String out;

  @Mixin
  SparkOptions sparkOptions;

  @Override
  public Integer call() {
    Pipeline p = Pipeline.load(config); // fails here, before Spark, on any config error
    String dir = out != null ? out : p.output() != null ? p.output() : "kiln-out";
    Progress progress = new Progress(System.out);
    String master = sparkOptions.master != null ? sparkOptions.master : p.master();
    java.util.Map<String, String> conf = new java.util.LinkedHashMap<>(p.sparkConf());
    conf.putAll(sparkOptions.conf);
    SparkSession spark = SparkSessions.create("kiln " + p.name(), master, conf);
    try {
      PipelineRunner.Result r = PipelineRunner.run(spark, p, dir, progress);
      if (p.report()) {
        progress.info("report    " + ReportWriter.write(spark, r.outDir()));
      }
      Summary.print(System.out, r);
    } finally {
      spark.stop();
    }
    return 0;
  }
}

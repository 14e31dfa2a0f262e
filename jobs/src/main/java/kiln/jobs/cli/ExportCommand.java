package kiln.jobs.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import kiln.jobs.export.JsonlExporter;
import kiln.jobs.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Print any stage's Parquet output as JSON lines, one object per row with all columns.")
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--in", required = true, description = "Parquet dataset, e.g. OUT/filter/kept.")
  String in;

  @Option(names = "--format", defaultValue = "jsonl", description = "Output format: ${COMPLETION-CANDIDATES}.")
  Format format;

  @Option(names = "--out", description = "Output file (default: standard output).")
  String out;

  @Option(names = "--limit", defaultValue = "-1", description = "At most this many rows (default: all).")
  long limit;

  @Mixin
  SparkOptions sparkOptions;

  enum Format { jsonl }

  @Override
  public Integer call() throws IOException {
    SparkSession spark = SparkSessions.create("kiln export", sparkOptions.master, sparkOptions.conf);
    try (OutputStream os = out == null ? nonClosing(System.out) : new BufferedOutputStream(new FileOutputStream(out))) {
      long n = JsonlExporter.export(spark, in, os, limit);
      if (out != null) {
        System.err.println("[kiln] export    " + n + " rows -> " + out);
      }
    } finally {
      spark.stop();
    }
    return 0;
  }

  private static OutputStream nonClosing(OutputStream o) {
    return new java.io.FilterOutputStream(o) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}

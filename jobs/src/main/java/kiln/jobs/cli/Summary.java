package kiln.jobs.cli;

import java.io.PrintStream;
import java.util.Locale;
import kiln.core.stats.StageStats;
import kiln.jobs.run.PipelineRunner;

/** The closing summary of a run: documents per stage, tokens, and where the outputs are. */
final class Summary {
  private Summary() {}

  static void print(PrintStream out, PipelineRunner.Result r) {
    out.println();
    out.printf(Locale.ROOT, "%-10s %12s %12s %12s %10s%n", "stage", "docs in", "kept", "rejected", "seconds");
    for (StageStats s : r.stages()) {
      out.printf(Locale.ROOT, "%-10s %,12d %,12d %,12d %10.1f%s%n", s.stage(), s.docsIn(), s.docsKept(),
          s.docsRejected(), s.wallSeconds(), r.skipped().contains(s.stage()) ? "  (resumed)" : "");
      Object tokens = s.extra().get("tokens");
      if (tokens != null) {
        out.printf(Locale.ROOT, "%-10s %,12d tokens%n", "", ((Number) tokens).longValue());
      }
    }
    out.printf(Locale.ROOT, "%nOutputs in %s (%.1f s)%n", r.outDir(), r.wallSeconds());
    out.println("  <stage>/kept, <stage>/rejected   Parquet; inspect with: bin/kiln export --in <dir> --format jsonl");
    out.println("  shards/                          token shards + manifest.json");
    out.println("  report/index.html                the run's statistics");
    out.flush();
  }
}

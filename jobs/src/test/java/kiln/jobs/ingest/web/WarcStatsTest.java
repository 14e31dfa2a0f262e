package kiln.jobs.ingest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.jobs.ingest.InputSplit;
import kiln.jobs.ingest.IngestReader;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.spark.IngestJob;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every file under data/web/warc/ (the malformed ones too) is read without an exception, and per file the
 * records read plus the records rejected as unreadable account for the records counted in WARC_STATS.tsv.
 */
class WarcStatsTest {

  @Test
  void everyFileMatchesWarcStats() throws IOException {
    Path stats = SharedData.data("web/WARC_STATS.tsv").orElse(null);
    Assumptions.assumeTrue(stats != null, "needs $KILN_SHARED/data/web/WARC_STATS.tsv");
    Path web = stats.getParent();
    Map<String, String> expected = new TreeMap<>();
    for (String line : Files.readAllLines(stats)) {
      String[] f = line.split("\t");
      if (f[0].startsWith("webcrawl/warc/")) {
        expected.put(f[0].substring("webcrawl/warc/".length()), line);
      }
    }
    IngestJob job = IngestJob.fromConfig(ConfigNode.parse(
        "format: warc\npaths: ['" + web.resolve("warc") + "']\n", "test.yaml"));
    List<String> problems = new ArrayList<>();
    int files = 0;
    for (InputSplit s : job.splits()) {
      int read = 0;
      int broken = 0;
      Map<String, Integer> reasons = new TreeMap<>();
      try (IngestReader r = job.open(s)) {
        for (IngestRecord rec : r) {
          if (rec.doc().meta().containsKey("record_type")) {
            read++;
          } else {
            broken++;
          }
          reasons.merge(rec.isKept() ? "kept" : rec.reason(), 1, Integer::sum);
        }
      }
      files++;
      String line = expected.get(s.name());
      System.out.println(s.name() + "\tread=" + read + "\tbroken=" + broken + "\t" + reasons + "\t" + line);
      if (line == null) {
        // Not in WARC_STATS (LICENSE, .lz4): must still produce a counted row, never an exception.
        if (read + broken == 0) {
          problems.add(s.name() + ": no row at all");
        }
        continue;
      }
      String[] f = line.split("\t");
      Map<String, String> kv = new TreeMap<>();
      for (int i = 1; i < f.length; i++) {
        int eq = f[i].indexOf('=');
        if (eq > 0) {
          kv.put(f[i].substring(0, eq), f[i].substring(eq + 1));
        }
      }
      boolean malformed = line.contains("truncated") || s.name().contains("bad") || s.name().contains("trunc");
      if (kv.containsKey("records")) {
        int want = Integer.parseInt(kv.get("records"));
        // records=0: the reference tool could not parse the file at all; any counted outcome is fine.
        if (want > 0 && read != want && !(malformed && read + broken >= want)) {
          problems.add(s.name() + ": read " + read + " + unreadable " + broken + ", WARC_STATS says " + want);
        }
      } else if (kv.containsKey("arc_records~")) {
        int approx = Integer.parseInt(kv.get("arc_records~"));
        // The ARC count in WARC_STATS is a grep estimate (header lines glued to binary bodies escape it).
        // Malformed ARC files may hide a header inside a record whose length is wrong.
        int low = malformed ? approx / 2 : approx;
        if (read + broken < low || read + broken > 2 * approx + 2) {
          problems.add(s.name() + ": " + read + " + " + broken + " ARC records, WARC_STATS says about " + approx);
        }
      }
    }
    assertTrue(files > 60, "found " + files + " files");
    assertEquals(List.of(), problems);
  }
}

package kiln.jobs.ingest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.jobs.ingest.InputSplit;
import kiln.jobs.ingest.IngestReader;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.spark.IngestJob;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reading a gzip-per-record WARC by byte ranges gives exactly the records of reading it whole, in order. */
class SplitReadTest {

  static List<String> rows(IngestJob job, List<InputSplit> splits) {
    List<String> out = new ArrayList<>();
    for (InputSplit s : splits) {
      try (IngestReader r = job.open(s)) {
        for (IngestRecord rec : r) {
          out.add(rec.doc().id() + " " + rec.reason() + " " + rec.doc().meta().get("offset"));
        }
      }
    }
    return out;
  }

  @Test
  void byteRangesAlignToGzipMembers() {
    Path f = SharedData.data("web/warc/pywb/iana.warc.gz").orElse(null);
    Assumptions.assumeTrue(f != null, "needs $KILN_SHARED/data/web/warc/pywb/iana.warc.gz");
    IngestJob whole = IngestJob.fromConfig(ConfigNode.parse("format: warc\nextract: false\ntimeout_ms: 600000\npaths: ['" + f + "']\n", "t.yaml"));
    IngestJob split = IngestJob.fromConfig(ConfigNode.parse(
        "format: warc\nextract: false\ntimeout_ms: 600000\nsplit_bytes: 65536\npaths: ['" + f + "']\n", "t.yaml"));
    List<InputSplit> one = whole.splits();
    List<InputSplit> many = split.splits();
    assertEquals(1, one.size());
    // 786,828 bytes / 65,536 = 12.006 -> 13 ranges.
    assertEquals(13, many.size());
    List<String> a = rows(whole, one);
    List<String> b = rows(split, many);
    assertEquals(343, a.size());
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i), b.get(i), "row " + i);
    }
    assertTrue(many.get(0).start() == 0 && many.get(12).end() == Long.MAX_VALUE);
  }
}

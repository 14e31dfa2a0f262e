package kiln.jobs.ingest.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.jobs.ingest.InputSplit;
import kiln.jobs.ingest.IngestReader;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.spark.IngestJob;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** format: html over a real folder of pages: one web document per file, url = the relative path. */
class HtmlFolderTest {
  @Test
  void oneDocumentPerPage() {
    Path dir = SharedData.data("web/html/dclm-enricher-tests").orElse(null);
    Assumptions.assumeTrue(dir != null, "needs $KILN_SHARED/data/web/html/dclm-enricher-tests");
    IngestJob job = IngestJob.fromConfig(ConfigNode.parse("format: html\npaths: ['" + dir + "']\n", "t.yaml"));
    int n = 0;
    for (InputSplit s : job.splits()) {
      try (IngestReader r = job.open(s)) {
        for (IngestRecord rec : r) {
          n++;
          assertNull(rec.reason(), s.name());
          assertEquals(s.name(), rec.doc().url());
          assertEquals("web", rec.doc().source());
          assertFalse(rec.doc().text().isBlank(), s.name());
        }
      }
    }
    assertEquals(10, n);
  }
}

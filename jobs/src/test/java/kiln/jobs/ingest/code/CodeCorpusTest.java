package kiln.jobs.ingest.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.jobs.ingest.IngestRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real archives fetched by $KILN_SHARED/data/get-code-corpus.sh (Maven source jars, npm tarballs, Debian
 * source tarballs) ingest to documents with a language each, and mostly with a licence. Skips when the cache
 * folder ($KILN_CODE_CORPUS, else ~/.cache/kiln/code-corpus) is absent.
 */
class CodeCorpusTest {

  static Path corpus() {
    String env = System.getenv("KILN_CODE_CORPUS");
    return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "kiln", "code-corpus");
  }

  @Test
  void realArchivesGiveLanguageAndLicence() throws IOException {
    Path dir = corpus();
    Assumptions.assumeTrue(Files.isDirectory(dir), "needs " + dir + " (run $KILN_SHARED/data/get-code-corpus.sh)");
    List<Path> archives;
    try (Stream<Path> s = Files.walk(dir)) {
      archives = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.apt/"))
          .filter(p -> ArchiveEntries.isArchive(p.getFileName().toString())).sorted().toList();
    }
    Assumptions.assumeTrue(!archives.isEmpty(), "no archives in " + dir);
    long kept = 0;
    long licensed = 0;
    for (Path a : archives) {
      Map<String, Integer> reasons = new TreeMap<>();
      Map<String, Integer> langs = new TreeMap<>();
      Map<String, Integer> licences = new TreeMap<>();
      try (CodeArchiveReader r = new CodeArchiveReader(a, a.getFileName().toString(), "code", CodeOptions.defaults())) {
        for (IngestRecord rec : r) {
          reasons.merge(rec.isKept() ? "kept" : rec.reason(), 1, Integer::sum);
          if (rec.isKept()) {
            assertNotNull(rec.doc().lang(), rec.doc().meta().toString());
            assertEquals(ArchiveEntries.baseName(a.getFileName().toString()), rec.doc().meta().get("repo"));
            langs.merge(rec.doc().lang(), 1, Integer::sum);
            licences.merge(String.valueOf(rec.doc().meta().get("license")), 1, Integer::sum);
            kept++;
            if (rec.doc().meta().containsKey("license")) {
              licensed++;
            }
          }
        }
      }
      System.out.println(a.getFileName() + " " + reasons + " " + langs + " " + licences);
      boolean debianPackaging = a.getFileName().toString().contains(".debian.tar");
      assertTrue(debianPackaging || reasons.getOrDefault("kept", 0) > 0, a + " gave no document: " + reasons);
    }
    assertTrue(licensed > kept * 0.8, licensed + " of " + kept + " documents have a licence");
  }
}

package kiln.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import kiln.core.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad pipeline fails while parsing (no Spark session exists here), naming the file and the key. */
class PipelineConfigTest {

  @TempDir
  Path dir;

  private ConfigException fails(String yaml) throws Exception {
    Path f = dir.resolve("pipeline.yaml");
    Files.writeString(f, yaml);
    return assertThrows(ConfigException.class, () -> Pipeline.load(f));
  }

  private String file() {
    return dir.resolve("pipeline.yaml").toString();
  }

  @Test
  void unknownTopLevelKey() throws Exception {
    ConfigException e = fails("input: x\nstages:\n  - dedup: {}\nreprot: true\n");
    assertEquals(file() + ": key 'reprot': unknown key (did you mean 'report'?)", e.getMessage());
  }

  @Test
  void unknownStageType() throws Exception {
    ConfigException e = fails("input: x\nstages:\n  - filtre: {}\n");
    assertEquals("stages[0].filtre", e.key());
    assertEquals(file(), e.file());
  }

  @Test
  void stageEntryWithTwoKeys() throws Exception {
    ConfigException e = fails("input: x\nstages:\n  - {filter: {}, dedup: {}}\n");
    assertEquals("stages[0]", e.key());
  }

  @Test
  void unknownFilterName() throws Exception {
    ConfigException e = fails("input: x\nstages:\n  - filter:\n      filters:\n        - lenght: {min_chars: 10}\n");
    assertEquals(file(), e.file());
    assertEquals(true, e.key().startsWith("stages[0].filter.filters[0]"), e.key());
  }

  @Test
  void dedupIndexPathResolvesAgainstThePipelineFileAndMustExistWithoutUpdate() throws Exception {
    ConfigException e = fails("input: x\nstages:\n  - dedup: {index: {path: indexes/web}}\n");
    assertEquals("stages[0].dedup.index.path", e.key());
    assertEquals(true, e.getMessage().contains("no index at " + dir.resolve("indexes/web")), e.getMessage());
  }

  @Test
  void badThresholdType() throws Exception {
    ConfigException e = fails("input: x\nstages:\n  - filter:\n      filters:\n        - length: {min_chars: lots}\n");
    assertEquals("stages[0].filter.filters[0].length.min_chars", e.key());
  }

  @Test
  void unknownDedupKey() throws Exception {
    ConfigException e = fails("input: x\nstages:\n  - dedup: {exakt: true}\n");
    assertEquals("stages[0].dedup.exakt", e.key());
  }

  @Test
  void sparkSectionIsChecked() throws Exception {
    ConfigException e = fails("input: x\nspark: {mastr: local}\nstages:\n  - dedup: {}\n");
    assertEquals("spark.mastr", e.key());
  }

  @Test
  void nothingToRun() throws Exception {
    ConfigException e = fails("name: empty\n");
    assertEquals(file(), e.file());
  }

  @Test
  void repeatedStageTypesGetNumberedFolders() throws Exception {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(f, "input: x\nstages:\n  - dedup: {}\n  - dedup: {exact: true}\n");
    Pipeline p = Pipeline.load(f);
    assertEquals("dedup", p.steps().get(0).name());
    assertEquals("dedup_2", p.steps().get(1).name());
  }
}

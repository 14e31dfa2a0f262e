package kiln.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KilnCliTest {

  @Test
  void everySubcommandHasHelp() {
    CommandLine cl = new CommandLine(new KilnCli());
    for (String sub : new String[] {"demo", "run", "ingest", "filter", "pii", "dedup", "tokenize", "tokenizer",
        "mix", "report", "export", "lm"}) {
      assertTrue(cl.getSubcommands().containsKey(sub), sub);
      String usage = cl.getSubcommands().get(sub).getUsageMessage();
      assertTrue(usage.contains("--help"), sub + ": " + usage);
    }
    assertTrue(cl.getSubcommands().get("tokenizer").getSubcommands().containsKey("train"));
    assertTrue(cl.getSubcommands().get("lm").getSubcommands().containsKey("train"));
  }

  @Test
  void badPipelineExitsTwoWithOneLineNamingFileAndKey(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("p.yaml");
    Files.writeString(yaml, "input: x\nstages:\n  - dedup: {exact: maybe}\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = KilnCli.execute("run", yaml.toString());
    } finally {
      System.setErr(old);
    }
    assertEquals(2, code);
    String msg = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(1, msg.lines().count(), msg);
    assertTrue(msg.startsWith("kiln: config error: " + yaml + ": key 'stages[0].dedup.exact'"), msg);
  }
}

package kiln.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KilnCliTest {

  @Test
  void everySubcommandHasHelp() {
    CommandLine cl = new CommandLine(new KilnCli());
    for (String sub : new String[] {"demo", "run", "ingest", "filter", "pii", "dedup", "tokenize", "tokenizer",
        "mix", "report", "export", "classifier", "lm"}) {
      assertTrue(cl.getSubcommands().containsKey(sub), sub);
      String usage = cl.getSubcommands().get(sub).getUsageMessage();
      assertTrue(usage.contains("--help"), sub + ": " + usage);
    }
    assertTrue(cl.getSubcommands().get("tokenizer").getSubcommands().containsKey("train"));
    assertTrue(cl.getSubcommands().get("lm").getSubcommands().containsKey("train"));
    assertTrue(cl.getSubcommands().get("classifier").getSubcommands().containsKey("train"));
  }

  @Test
  void badClassifierOptionsExitTwoBeforeSpark(@TempDir Path dir) {
    String m = dir.resolve("m.bin").toString();
    String[][] bad = {
        {"--format", "mllib"}, {"--held-out", "1.5"}, {"--dim", "0"}, {"--positive-label", "hq"},
        {"--negative-label", "__label__hq"}, {"--chunk-chars", "-1"},
    };
    PrintStream old = System.err;
    try {
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      for (String[] b : bad) {
        List<String> args = new java.util.ArrayList<>(List.of("classifier", "train", "--positive",
            dir.resolve("nothing").toString(), "--negative", dir.resolve("nothing").toString(), "--out", m));
        args.addAll(List.of(b));
        assertEquals(2, KilnCli.execute(args.toArray(new String[0])), String.join(" ", b));
      }
    } finally {
      System.setErr(old);
    }
    assertFalse(Files.exists(dir.resolve("m.bin")));
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

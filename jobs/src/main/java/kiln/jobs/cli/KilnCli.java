package kiln.jobs.cli;

import java.io.PrintWriter;
import kiln.core.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/kiln}: one entry point, one subcommand per stage plus demo, run, report and export. */
@Command(name = "kiln", mixinStandardHelpOptions = true, version = "kiln 0.1.0",
    description = "Raw crawls, code and books to mixture-weighted token shards, on Spark.",
    subcommands = {
        DemoCommand.class,
        RunCommand.class,
        IngestCommand.class,
        StageCommands.Filter.class,
        StageCommands.Pii.class,
        StageCommands.Dedup.class,
        TokenizeCommand.class,
        TokenizerCommand.class,
        LmCommand.class,
        MixCommand.class,
        ReportCommand.class,
        ExportCommand.class,
        ClassifierCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class KilnCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI; config errors print one line and exit 2, before any Spark work. */
  public static int execute(String... args) {
    return execute(new CommandLine(new KilnCli()), args);
  }

  static int execute(CommandLine cl, String... args) {
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      Throwable t = ex;
      while (t != null && !(t instanceof ConfigException) && t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
      PrintWriter err = cmd.getErr();
      if (t instanceof ConfigException ce) {
        err.println("kiln: config error: " + ce.getMessage());
        err.flush();
        return 2;
      }
      if (ex instanceof IllegalArgumentException) {
        err.println("kiln: " + ex.getMessage());
        err.flush();
        return 2;
      }
      throw ex;
    });
    return cl.execute(args);
  }
}

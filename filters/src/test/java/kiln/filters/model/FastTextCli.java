package kiln.filters.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The real {@code fasttext} binary (Debian package {@code fasttext}) for parity tests; skips when absent. */
public final class FastTextCli {
  private FastTextCli() {}

  /** Path of {@code fasttext} on PATH; the calling test is skipped when there is none. */
  public static Path binary() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, "fasttext");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    Assumptions.abort("needs the fasttext binary: apt-get install fasttext (Debian package fasttext)");
    return null;
  }

  /** Runs {@code fasttext ARGS}, fails on a non-zero exit, returns its standard output. */
  public static String run(Path tmp, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary().toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "ft-out", ".txt");
    Path err = Files.createTempFile(tmp, "ft-err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int rc = p.waitFor();
    String errText = read(err);
    assertEquals(0, rc, () -> String.join(" ", cmd) + " failed: " + errText);
    return read(out);
  }

  /** {@code fasttext supervised -input TRAIN -output PREFIX ARGS -thread 1 -verbose 0}; returns PREFIX.bin. */
  public static Path train(Path tmp, Path trainFile, String name, String... args)
      throws IOException, InterruptedException {
    List<String> a = new ArrayList<>(List.of("supervised", "-input", trainFile.toString(), "-output",
        tmp.resolve(name).toString(), "-thread", "1", "-verbose", "0"));
    a.addAll(List.of(args));
    run(tmp, a.toArray(String[]::new));
    return tmp.resolve(name + ".bin");
  }

  private static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }
}

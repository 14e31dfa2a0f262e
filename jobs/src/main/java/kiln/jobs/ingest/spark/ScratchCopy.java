package kiln.jobs.ingest.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import kiln.core.Document;
import kiln.core.fs.HadoopFiles;
import kiln.jobs.ingest.AbstractIngestReader;
import kiln.jobs.ingest.IngestReader;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.InputSplit;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a remote split with a reader that needs a local file ({@link java.util.zip.ZipFile} wants random access
 * to the central directory): copies the file or folder tree to a temporary local folder, reads it there, and
 * deletes the copy when the reader closes. A copy that fails is one {@code ingest:unreadable} row.
 */
final class ScratchCopy extends AbstractIngestReader {
  private final InputSplit split;
  private final Configuration conf;
  private final Function<InputSplit, IngestReader> localReader;
  private final Document.Kind kind;
  private final String source;
  private Path scratch;
  private IngestReader inner;
  private boolean failed;

  private ScratchCopy(InputSplit split, Configuration conf, Function<InputSplit, IngestReader> localReader,
                      String source, Document.Kind kind) {
    this.split = split;
    this.conf = conf;
    this.localReader = localReader;
    this.source = source;
    this.kind = kind;
  }

  static IngestReader read(InputSplit s, Configuration conf, Function<InputSplit, IngestReader> localReader,
                           String source, Document.Kind kind) {
    return new ScratchCopy(s, conf, localReader, source, kind);
  }

  @Override
  protected IngestRecord computeNext() {
    if (failed) {
      return null;
    }
    if (inner == null) {
      try {
        scratch = Files.createTempDirectory("kiln-ingest-");
        Path local = HadoopFiles.localCopy(conf, split.path(), scratch);
        inner = localReader.apply(new InputSplit(local.toString(), split.name(), split.start(), split.end()));
      } catch (IOException | RuntimeException e) {
        failed = true;
        return IngestRecord.rejected(source, kind, split.name(), "0", null, IngestReasons.UNREADABLE,
            e.toString(), null);
      }
    }
    return inner.hasNext() ? inner.next() : null;
  }

  @Override
  public void close() {
    if (inner != null) {
      inner.close();
      inner = null;
    }
    if (scratch != null) {
      try (Stream<Path> s = Files.walk(scratch)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // temporary space; the OS cleans it eventually
      }
      scratch = null;
    }
  }
}

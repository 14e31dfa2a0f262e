package kiln.tokenize;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Streams documents' token ids into one shard (a fixed set of files); {@link #close} finishes the files. */
public interface TokenShardWriter extends Closeable {

  /** Appends one document (EOD already included if wanted). */
  void add(int[] tokens) throws IOException;

  long documents();

  long tokens();

  /** File names this writer produces, relative to its directory, in a fixed order. */
  List<String> fileNames();
}

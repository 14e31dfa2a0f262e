package kiln.filters.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kiln.core.util.IntList;

/**
 * A supervised fastText model ({@code .bin}, or {@code .ftz} from {@code fasttext quantize}) for prediction.
 * {@link #predict} gives what {@code fasttext predict-prob MODEL - k threshold} prints for one input line: the
 * same labels in the same order and the same float probabilities. Immutable and thread-safe; work arrays are
 * per thread (reused from call to call, so a prediction allocates only its input bytes and its result).
 *
 * <p>Semantics carried over from fastText: {@code k = -1} asks for every label; a label is returned only when
 * its probability is {@code >= threshold}; the input is one line (text after the first {@code \n} is ignored,
 * and the line end adds the token {@code </s>}, as when the binary reads a file or the Python binding appends
 * {@code "\n"}); a line with no input rows gives no prediction.
 */
public final class FastTextModel {
  private static final int MAGIC = 793712314;
  private static final int MAX_VERSION = 12;
  private static final Map<String, FastTextModel> SHARED = new ConcurrentHashMap<>();

  private final String file;
  private final FastTextArgs args;
  private final FastTextDictionary dict;
  private final Matrix input;
  private final OutputLayer output;
  private final int outputRows;
  private final boolean quantized;
  private final List<String> labels;
  private final ThreadLocal<Work> work;

  private FastTextModel(String file, FastTextArgs args, FastTextDictionary dict, Matrix input, Matrix wo,
      boolean quantized) {
    this.file = file;
    this.args = args;
    this.dict = dict;
    this.input = input;
    this.outputRows = (int) wo.rows();
    this.quantized = quantized;
    this.output = switch (args.loss()) {
      case SOFTMAX -> new OutputLayer.Softmax(wo);
      case OVA, NS -> new OutputLayer.Sigmoid(wo);
      case HS -> new OutputLayer.HierarchicalSoftmax(wo, dict.labelCounts());
    };
    List<String> l = new ArrayList<>();
    for (int i = 0; i < dict.nlabels(); i++) {
      l.add(dict.label(i));
    }
    this.labels = Collections.unmodifiableList(l);
    this.work = ThreadLocal.withInitial(() -> new Work(args.dim(), outputRows));
  }

  /** Reads a model file; a file that is not a usable supervised fastText model throws, naming the file. */
  public static FastTextModel load(Path path) throws IOException {
    try (LittleEndianReader in = new LittleEndianReader(path)) {
      if (in.remaining() < 8 || in.readInt() != MAGIC) {
        throw new FastTextFormatException(path + ": not a fastText model (wrong magic number)");
      }
      int version = in.readInt();
      if (version > MAX_VERSION || version < 11) {
        throw new FastTextFormatException(path + ": fastText file format version " + version
            + " is not supported (11 and 12 are)");
      }
      FastTextArgs args = FastTextArgs.read(in, version);
      if (args.model() != FastTextArgs.ModelType.SUPERVISED) {
        throw new FastTextFormatException(path + ": a " + args.model().name().toLowerCase(java.util.Locale.ROOT)
            + " word-vector model, not a supervised classifier");
      }
      FastTextDictionary dict = FastTextDictionary.read(in, args);
      boolean quantInput = in.readBool();
      Matrix input = quantInput ? QuantMatrix.read(in, "input") : DenseMatrix.read(in, "input");
      if (!quantInput && dict.pruned()) {
        throw new FastTextFormatException(path + ": pruned dictionary with an unquantized input matrix "
            + "(fastText rejects such files too; see fastText issue #332)");
      }
      boolean qout = in.readBool();
      Matrix wo = quantInput && qout ? QuantMatrix.read(in, "output") : DenseMatrix.read(in, "output");
      if (input.cols() != args.dim() || wo.cols() != args.dim()) {
        throw new FastTextFormatException(path + ": matrix widths " + input.cols() + " / " + wo.cols()
            + " differ from dim " + args.dim());
      }
      long minRows = dict.nwords() + (dict.pruned() ? 0 : (long) args.bucket());
      if (input.rows() < minRows) {
        throw new FastTextFormatException(path + ": input matrix has " + input.rows() + " rows, the dictionary "
            + "needs " + minRows);
      }
      if (wo.rows() != dict.nlabels() || dict.nlabels() == 0) {
        throw new FastTextFormatException(path + ": output matrix has " + wo.rows() + " rows for "
            + dict.nlabels() + " labels");
      }
      return new FastTextModel(path.toString(), args, dict, input, wo, quantInput);
    }
  }

  /**
   * One model per file per JVM, shared by all tasks and threads (keyed by real path, size and modification time,
   * so a replaced file is read again).
   */
  public static FastTextModel shared(Path path) throws IOException {
    Path real = path.toRealPath();
    BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
    String key = real + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
    try {
      return SHARED.computeIfAbsent(key, k -> {
        try {
          return load(real);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  public String file() {
    return file;
  }

  public FastTextArgs args() {
    return args;
  }

  public boolean quantized() {
    return quantized;
  }

  /** Label strings in fastText's label order (e.g. {@code __label__hq}). */
  public List<String> labels() {
    return labels;
  }

  /** As {@code fasttext predict-prob} for one line: at most k labels (all for -1) with p >= threshold. */
  public List<FastTextPrediction> predict(String line, int k, float threshold) {
    if (k == -1) {
      k = outputRows;
    } else if (k <= 0) {
      throw new IllegalArgumentException("k: must be -1 (all labels) or >= 1, got " + k);
    }
    TopK heap = predictIds(line, k, threshold);
    List<FastTextPrediction> out = new ArrayList<>(heap.size());
    for (int i = 0; i < heap.size(); i++) {
      out.add(new FastTextPrediction(labels.get(heap.id(i)), (float) Math.exp(heap.score(i))));
    }
    return out;
  }

  /**
   * The probability fastText gives label {@code labelIndex} (an index into {@link #labels()}) on this line, with
   * k = -1 and threshold 0; 0 when the label is not returned (only hierarchical softmax drops labels, below
   * ~1e-5).
   */
  public float probability(String line, int labelIndex) {
    TopK heap = predictIds(line, outputRows, 0f);
    for (int i = 0; i < heap.size(); i++) {
      if (heap.id(i) == labelIndex) {
        return (float) Math.exp(heap.score(i));
      }
    }
    return 0f;
  }

  /** The k best label ids in the calling thread's heap, valid until its next prediction. */
  private TopK predictIds(String line, int k, float threshold) {
    byte[] text = line.getBytes(StandardCharsets.UTF_8);
    Work w = work.get();
    IntList rows = w.rows;
    dict.lineToRows(text, text.length, rows, w.hashes, w.scratch);
    TopK heap = w.heap;
    heap.clear();
    int n = rows.size();
    if (n == 0) {
      return heap;
    }
    float[] hidden = w.hidden;
    java.util.Arrays.fill(hidden, 0f);
    input.addRowsTo(hidden, rows.array(), n);
    float scale = (float) (1.0 / n);
    for (int j = 0; j < hidden.length; j++) {
      hidden[j] *= scale;
    }
    output.predict(k, threshold, hidden, heap, w.output);
    w.shrink();
    return heap;
  }

  /** One thread's work arrays. */
  private static final class Work {
    private static final int KEEP = 1 << 16;
    IntList rows = new IntList(1024);
    IntList hashes = new IntList(256);
    final FastTextDictionary.Scratch scratch = new FastTextDictionary.Scratch();
    final float[] hidden;
    final float[] output;
    final TopK heap;

    Work(int dim, int labels) {
      hidden = new float[dim];
      output = new float[labels];
      heap = new TopK(labels + 1);
    }

    /** Lets a very long document's row list go rather than keeping it for the thread's lifetime. */
    void shrink() {
      if (rows.array().length > KEEP) {
        rows = new IntList(1024);
      }
      if (hashes.array().length > KEEP) {
        hashes = new IntList(256);
      }
    }
  }

  @Override
  public String toString() {
    return "fastText " + (quantized ? "quantized " : "") + args.loss().name().toLowerCase(java.util.Locale.ROOT)
        + " model " + file + " (" + labels.size() + " labels, dim " + args.dim() + ")";
  }
}

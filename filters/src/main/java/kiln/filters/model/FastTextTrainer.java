package kiln.filters.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.core.util.IntList;

/**
 * Trains a supervised fastText classifier (softmax loss, word uni- and n-grams, no character n-grams) the way
 * {@code fasttext supervised -thread 1} does, and writes it as a fastText {@code .bin} (format version 12) that
 * {@link FastTextModel} and the real {@code fasttext} binary read.
 *
 * <p>The algorithm is fastText's ({@code FastText::supervised}, {@code Model::update}, {@code SoftmaxLoss}):
 * the input rows of a line are its known words plus its hashed word n-grams ({@link FastTextDictionary#lineToRows},
 * the very code that prediction uses, so training and scoring see the same rows); the hidden vector is their mean;
 * softmax over the labels; for each label {@code alpha = lr (y - p)}, the gradient collects {@code alpha * wo[i]}
 * before {@code wo[i] += alpha * hidden}; each input row then gets the gradient divided by the number of rows.
 * The learning rate falls linearly from {@code lr} to 0 over {@code epoch} passes, by tokens processed. The input
 * matrix starts uniform in {@code [-1/dim, 1/dim]} from a seeded generator, the output matrix at 0.
 *
 * <p>One thread, examples in the caller's order: the result depends only on the examples, their order and the
 * options (fastText's Hogwild threads are not reproducible, so they are not copied).
 */
public final class FastTextTrainer {
  private static final String EOS = "</s>";
  private static final String LABEL_PREFIX = "__label__";

  /** Training options; names as fastText's flags. */
  public record Options(int dim, int epoch, double lr, int wordNgrams, int bucket, int minCount, long seed) {
    public Options {
      if (dim < 1 || dim > 1024) {
        throw new IllegalArgumentException("dim: must be in [1, 1024], got " + dim);
      }
      if (epoch < 1) {
        throw new IllegalArgumentException("epoch: must be >= 1, got " + epoch);
      }
      if (!(lr > 0 && lr <= 10)) {
        throw new IllegalArgumentException("lr: must be in (0, 10], got " + lr);
      }
      if (wordNgrams < 1 || wordNgrams > 5) {
        throw new IllegalArgumentException("word-ngrams: must be in [1, 5], got " + wordNgrams);
      }
      if (bucket < 0 || (wordNgrams > 1 && bucket == 0)) {
        throw new IllegalArgumentException("bucket: must be >= 1 with word n-grams, got " + bucket);
      }
      if (minCount < 1) {
        throw new IllegalArgumentException("min-count: must be >= 1, got " + minCount);
      }
    }

    /** fastText's supervised defaults, except dim 16 (DCLM-size models do not need 100) and wordNgrams 2. */
    public static Options defaults() {
      return new Options(16, 5, 0.1, 2, 1 << 20, 1, 0);
    }
  }

  private FastTextTrainer() {}

  /**
   * The tokens fastText reads from one line of text (no {@code \n} in it): runs of bytes other than space
   * {@code \r \t \v \f \0}, then {@code </s>}; a literal {@code </s>} ends the line. Tokens starting with
   * {@code __label__} are left out (fastText would take them for labels).
   */
  public static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    int n = line.length();
    int i = 0;
    while (true) {
      while (i < n && isDelimiter(line.charAt(i))) {
        i++;
      }
      if (i >= n || line.charAt(i) == '\n') {
        out.add(EOS);
        return out;
      }
      int start = i;
      while (i < n && !isDelimiter(line.charAt(i))) {
        i++;
      }
      String t = line.substring(start, i);
      if (!t.startsWith(LABEL_PREFIX)) {
        out.add(t);
      }
      if (t.equals(EOS)) {
        return out;
      }
    }
  }

  private static boolean isDelimiter(char c) {
    // all delimiters are ASCII, so splitting UTF-16 equals fastText's splitting of UTF-8 bytes
    return c < 128 && FastTextDictionary.isDelimiter((byte) c);
  }

  /** A label must be {@code __label__NAME} with a NAME fastText reads as one token. */
  public static void checkLabel(String label) {
    String name = label.startsWith(LABEL_PREFIX) ? label.substring(LABEL_PREFIX.length()) : "";
    if (name.isEmpty() || name.chars().anyMatch(c -> c < 128 && FastTextDictionary.isDelimiter((byte) c))
        || label.equals(EOS)) {
      throw new IllegalArgumentException("label '" + label + "': must be __label__NAME, NAME without spaces");
    }
  }

  /**
   * Trains on {@code lines} (one example each, {@code \n} already replaced) with {@code labelOf[i]} an index
   * into {@code labels}, using the vocabulary {@code wordCounts} (token to count over the training lines, as
   * {@link #tokens} gives them; words below {@code minCount} are dropped), and writes the model to {@code out}
   * (atomically: a temporary file, then a rename). Returns the model as read back from the file.
   */
  public static FastTextModel train(List<String> lines, int[] labelOf, List<String> labels,
      Map<String, Long> wordCounts, Options o, Path out) throws IOException {
    if (lines.size() != labelOf.length) {
      throw new IllegalArgumentException("one label per line: " + lines.size() + " lines, " + labelOf.length);
    }
    if (labels.size() < 2) {
      throw new IllegalArgumentException("at least two labels, got " + labels);
    }
    for (String l : labels) {
      checkLabel(l);
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("labels repeat: " + labels);
    }
    // fastText's order: words by count, most frequent first (ties by the word's bytes, for determinism)
    List<Map.Entry<String, Long>> vocab = new ArrayList<>();
    long ntokens = 0;
    for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
      ntokens += e.getValue();
      if (e.getValue() >= o.minCount() && !e.getKey().startsWith(LABEL_PREFIX)) {
        vocab.add(e);
      }
    }
    vocab.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
        .thenComparing(Map.Entry::getKey));
    List<String> words = new ArrayList<>(vocab.size());
    long[] counts = new long[vocab.size()];
    for (int i = 0; i < vocab.size(); i++) {
      words.add(vocab.get(i).getKey());
      counts[i] = vocab.get(i).getValue();
    }
    long[] labelCounts = new long[labels.size()];
    for (int l : labelOf) {
      if (l < 0 || l >= labels.size()) {
        throw new IllegalArgumentException("label index " + l + " out of " + labels);
      }
      labelCounts[l]++;
    }
    ntokens += lines.size(); // the label token of each line, as fastText counts it
    FastTextArgs args = new FastTextArgs(o.dim(), 5, o.epoch(), o.minCount(), 5, o.wordNgrams(),
        FastTextArgs.Loss.SOFTMAX, FastTextArgs.ModelType.SUPERVISED, o.wordNgrams() > 1 ? o.bucket() : 0, 0, 0,
        100, 1e-4);
    FastTextDictionary dict = FastTextDictionary.create(args, words, counts, labels, labelCounts);

    int[][] rows = new int[lines.size()][];
    int[] lineTokens = new int[lines.size()];
    IntList r = new IntList(256);
    IntList h = new IntList(256);
    FastTextDictionary.Scratch scratch = new FastTextDictionary.Scratch();
    for (int i = 0; i < lines.size(); i++) {
      byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
      dict.lineToRows(b, b.length, r, h, scratch);
      rows[i] = r.toArray();
      lineTokens[i] = h.size() + 1;
    }

    int dim = o.dim();
    long inRows = (long) words.size() + args.bucket();
    if (inRows * dim > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("(words + bucket) * dim = " + inRows * dim + " floats: too large");
    }
    float[] wi = new float[(int) (inRows * dim)];
    SplittableRandom rnd = new SplittableRandom(o.seed());
    float bound = 1f / dim;
    for (int i = 0; i < wi.length; i++) {
      wi[i] = (float) (rnd.nextDouble() * 2 * bound - bound);
    }
    int nl = labels.size();
    float[] wo = new float[nl * dim];
    float[] hidden = new float[dim];
    float[] grad = new float[dim];
    float[] output = new float[nl];
    long total = 0;
    for (int t : lineTokens) {
      total += t;
    }
    double all = (double) o.epoch() * total;
    long seen = 0;
    for (int ep = 0; ep < o.epoch(); ep++) {
      for (int i = 0; i < rows.length; i++) {
        float lr = (float) (o.lr() * (1.0 - seen / all));
        seen += lineTokens[i];
        int[] in = rows[i];
        if (in.length == 0) {
          continue;
        }
        update(wi, wo, in, labelOf[i], lr, dim, hidden, grad, output);
      }
    }

    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (LittleEndianWriter w = new LittleEndianWriter(tmp)) {
      w.writeInt(793712314);
      w.writeInt(12);
      args.write(w);
      dict.write(w, ntokens);
      w.writeByte((byte) 0); // input not quantized
      w.writeLong(inRows);
      w.writeLong(dim);
      w.writeFloats(wi, 0, wi.length);
      w.writeByte((byte) 0); // output not quantized
      w.writeLong(nl);
      w.writeLong(dim);
      w.writeFloats(wo, 0, wo.length);
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return FastTextModel.load(out);
  }

  /** One SGD step of {@code Model::update} with {@code SoftmaxLoss}. */
  private static void update(float[] wi, float[] wo, int[] in, int target, float lr, int dim, float[] hidden,
      float[] grad, float[] output) {
    java.util.Arrays.fill(hidden, 0f);
    for (int row : in) {
      int off = row * dim;
      for (int j = 0; j < dim; j++) {
        hidden[j] += wi[off + j];
      }
    }
    float scale = (float) (1.0 / in.length);
    for (int j = 0; j < dim; j++) {
      hidden[j] *= scale;
    }
    int nl = output.length;
    float max = Float.NEGATIVE_INFINITY;
    for (int l = 0; l < nl; l++) {
      float d = 0f;
      for (int j = 0; j < dim; j++) {
        d += wo[l * dim + j] * hidden[j];
      }
      output[l] = d;
      max = Math.max(max, d);
    }
    float z = 0f;
    for (int l = 0; l < nl; l++) {
      output[l] = (float) Math.exp(output[l] - max);
      z += output[l];
    }
    java.util.Arrays.fill(grad, 0f);
    for (int l = 0; l < nl; l++) {
      float p = output[l] / z;
      float alpha = lr * ((l == target ? 1f : 0f) - p);
      int off = l * dim;
      for (int j = 0; j < dim; j++) {
        grad[j] += alpha * wo[off + j];
      }
      for (int j = 0; j < dim; j++) {
        wo[off + j] += alpha * hidden[j];
      }
    }
    for (int j = 0; j < dim; j++) {
      grad[j] *= scale;
    }
    for (int row : in) {
      int off = row * dim;
      for (int j = 0; j < dim; j++) {
        wi[off + j] += grad[j];
      }
    }
  }
}

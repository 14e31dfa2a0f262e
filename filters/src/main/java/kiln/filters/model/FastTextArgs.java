package kiln.filters.model;

import java.io.IOException;

/**
 * The training arguments stored in a model file ({@code Args::save}): the ones inference needs are
 * {@code wordNgrams}, {@code loss}, {@code model}, {@code bucket}, {@code minn} and {@code maxn}.
 */
public record FastTextArgs(int dim, int ws, int epoch, int minCount, int neg, int wordNgrams, Loss loss,
    ModelType model, int bucket, int minn, int maxn, int lrUpdateRate, double t) {

  /** fastText's {@code loss_name}; the ordinal + 1 is the stored value. */
  public enum Loss { HS, NS, SOFTMAX, OVA }

  /** fastText's {@code model_name}; the ordinal + 1 is the stored value. */
  public enum ModelType { CBOW, SKIPGRAM, SUPERVISED }

  /** {@code Args::save}: the same fields in the same order. */
  void write(LittleEndianWriter out) throws java.io.IOException {
    for (int v : new int[] {dim, ws, epoch, minCount, neg, wordNgrams, loss.ordinal() + 1, model.ordinal() + 1,
        bucket, minn, maxn, lrUpdateRate}) {
      out.writeInt(v);
    }
    out.writeDouble(t);
  }

  static FastTextArgs read(LittleEndianReader in, int version) throws IOException {
    int dim = in.readInt();
    int ws = in.readInt();
    int epoch = in.readInt();
    int minCount = in.readInt();
    int neg = in.readInt();
    int wordNgrams = in.readInt();
    int loss = in.readInt();
    int model = in.readInt();
    int bucket = in.readInt();
    int minn = in.readInt();
    int maxn = in.readInt();
    int lrUpdateRate = in.readInt();
    double t = in.readDouble();
    if (loss < 1 || loss > Loss.values().length) {
      throw new FastTextFormatException(in.file() + ": unknown loss " + loss);
    }
    if (model < 1 || model > ModelType.values().length) {
      throw new FastTextFormatException(in.file() + ": unknown model type " + model);
    }
    if (dim <= 0 || bucket < 0 || minn < 0 || maxn < 0 || wordNgrams < 0) {
      throw new FastTextFormatException(in.file() + ": implausible arguments (dim " + dim + ", bucket " + bucket
          + ", minn " + minn + ", maxn " + maxn + ", wordNgrams " + wordNgrams + ")");
    }
    ModelType type = ModelType.values()[model - 1];
    if (version == 11 && type == ModelType.SUPERVISED) {
      maxn = 0; // as fastText: supervised models of format 11 predate char n-grams
    }
    return new FastTextArgs(dim, ws, epoch, minCount, neg, wordNgrams, Loss.values()[loss - 1], type, bucket, minn,
        maxn, lrUpdateRate, t);
  }
}

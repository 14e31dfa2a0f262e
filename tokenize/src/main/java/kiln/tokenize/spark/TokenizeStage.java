package kiln.tokenize.spark;

import java.util.Iterator;
import kiln.core.Columns;
import kiln.core.Utf8;
import kiln.core.config.ConfigNode;
import kiln.core.spark.DocumentSchema;
import kiln.core.spark.Iterators;
import kiln.tokenize.Tokenizer;
import kiln.tokenize.Tokenizers;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import scala.collection.immutable.ArraySeq;

/**
 * Documents to token ids: one row of {@link Columns#TOKENS_DDL} per input document, none dropped. A document
 * with empty text still yields a row ({@code [eod]} with {@code append_eod}, else no tokens), so the counts
 * of this stage's input and output are equal.
 *
 * <p>Tokens = {@code [bos] + encode(text) + [eod]}, the brackets governed by {@code add_bos} (default false)
 * and {@code append_eod} (default true, Megatron's {@code --append-eod}). {@code n_tokens} counts all of them;
 * {@code text_bytes} is the UTF-8 size of the text. One tokenizer per partition, closed when the task ends.
 *
 * <p>Config keys: {@code tokenizer} (SPEC, default {@value Tokenizers#DEFAULT_SPEC}), {@code append_eod},
 * {@code add_bos}.
 */
public final class TokenizeStage implements java.io.Serializable {
  public static final String NAME = "tokenize";
  public static final StructType SCHEMA = StructType.fromDDL(Columns.TOKENS_DDL);
  public static final boolean DEFAULT_APPEND_EOD = true;
  public static final boolean DEFAULT_ADD_BOS = false;

  private final String spec;
  private final boolean appendEod;
  private final boolean addBos;
  private final String tokenizerId;
  private final int vocabSize;

  /** Opens the tokenizer once on the driver, so a bad spec or a model without EOS/BOS fails before Spark runs. */
  public TokenizeStage(String spec, boolean appendEod, boolean addBos) {
    this.spec = spec;
    this.appendEod = appendEod;
    this.addBos = addBos;
    try (Tokenizer t = Tokenizers.open(spec)) {
      if (appendEod && t.eodId() < 0) {
        throw new IllegalArgumentException("tokenizer " + spec + " has no end-of-document id; set append_eod: false");
      }
      if (addBos && t.bosId() < 0) {
        throw new IllegalArgumentException("tokenizer " + spec + " has no BOS id; set add_bos: false");
      }
      this.tokenizerId = t.id();
      this.vocabSize = t.vocabSize();
    }
  }

  /** Reads {@code tokenizer}, {@code append_eod}, {@code add_bos}; unknown keys and bad specs fail naming the key. */
  public static TokenizeStage fromConfig(ConfigNode cfg) {
    String spec = cfg.string("tokenizer", Tokenizers.DEFAULT_SPEC);
    boolean eod = cfg.bool("append_eod", DEFAULT_APPEND_EOD);
    boolean bos = cfg.bool("add_bos", DEFAULT_ADD_BOS);
    cfg.rejectUnknown();
    try {
      return new TokenizeStage(spec, eod, bos);
    } catch (IllegalArgumentException e) {
      throw cfg.error("tokenizer", e.getMessage());
    }
  }

  public String name() {
    return NAME;
  }

  public String tokenizerSpec() {
    return spec;
  }

  /** {@link Tokenizer#id()} of the configured tokenizer (for manifests). */
  public String tokenizerId() {
    return tokenizerId;
  }

  public int vocabSize() {
    return vocabSize;
  }

  /** Documents (document schema) to rows of {@link #SCHEMA}, in the same partitions and order. */
  public Dataset<Row> apply(Dataset<Row> docs) {
    DocumentSchema.require(docs.schema(), NAME);
    Dataset<Row> in = docs.select(Columns.ID, Columns.SOURCE, Columns.TEXT);
    String s = spec;
    boolean eod = appendEod;
    boolean bos = addBos;
    return in.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
      Tokenizer tok = Tokenizers.open(s);
      TaskContext ctx = TaskContext.get();
      if (ctx != null) {
        ctx.addTaskCompletionListener((TaskCompletionListener) c -> tok.close());
      }
      return Iterators.map(rows, (Row r) -> {
        String text = r.getString(2);
        int[] ids = tokens(tok, text, bos, eod);
        // Row encoders take a scala Seq for arrays; wrapping shares the int[] instead of boxing a copy.
        return RowFactory.create(r.getString(0), r.getString(1), ArraySeq.unsafeWrapArray(ids), ids.length,
            Utf8.length(text));
      });
    }, Encoders.row(SCHEMA));
  }

  /** {@code [bos] + tok.encode(text) + [eod]}, brackets as configured. */
  public static int[] tokens(Tokenizer tok, String text, boolean addBos, boolean appendEod) {
    int[] body = tok.encode(text);
    int extra = (addBos ? 1 : 0) + (appendEod ? 1 : 0);
    if (extra == 0) {
      return body;
    }
    int[] out = new int[body.length + extra];
    int pos = 0;
    if (addBos) {
      out[pos++] = tok.bosId();
    }
    System.arraycopy(body, 0, out, pos, body.length);
    if (appendEod) {
      out[out.length - 1] = tok.eodId();
    }
    return out;
  }
}

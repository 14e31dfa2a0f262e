package kiln.jobs.ingest.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import kiln.core.Document;
import kiln.core.config.ConfigNode;
import kiln.core.fs.HadoopConf;
import kiln.core.fs.HadoopFiles;
import kiln.core.spark.DocumentSchema;
import kiln.jobs.ingest.InputFile;
import kiln.jobs.ingest.InputSplit;
import kiln.jobs.ingest.IngestReader;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.SingleRecordReader;
import kiln.jobs.ingest.books.EpubReader;
import kiln.jobs.ingest.books.GutenbergReader;
import kiln.jobs.ingest.code.CodeArchiveReader;
import kiln.jobs.ingest.code.CodeOptions;
import kiln.jobs.ingest.commoncrawl.CommonCrawlOptions;
import kiln.jobs.ingest.generic.HtmlFileReader;
import kiln.jobs.ingest.generic.JsonlReader;
import kiln.jobs.ingest.generic.TextFileReader;
import kiln.jobs.ingest.web.ArcFileReader;
import kiln.jobs.ingest.web.GzipMembers;
import kiln.jobs.ingest.web.WarcFileReader;
import kiln.jobs.ingest.web.WebOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Ingest as a Spark job: plans {@link InputSplit}s from the configured paths, then reads each split with its
 * reader in one Spark task and returns rows of {@link DocumentSchema#ANNOTATED} (reason null = kept).
 *
 * <p>Splits are one per file, except gzip-per-record crawl files larger than {@code split_bytes}, which are cut
 * into byte ranges that readers align to gzip members ({@link GzipMembers}), and code directories, read as one
 * tree. Splits are sorted by (relative name, start), and each is its own Spark partition, so the output order does
 * not depend on the cluster.
 *
 * <p>Config keys (see docs/ingest.md): {@code format} (required), {@code source}, {@code paths} (required),
 * {@code max_record_bytes} and {@code timeout_ms} (web), {@code split_bytes} (warc/arc/wet), {@code extract}
 * (warc/html), {@code max_file_bytes} (all but web and jsonl), {@code max_archive_bytes}, {@code max_entries},
 * {@code max_ratio} (code), {@code id_field} and {@code text_field} (jsonl, parquet), {@code kind} (jsonl,
 * parquet, text).
 */
public final class IngestJob implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> FORMATS = List.of("warc", "arc", "wet", "html", "code", "gutenberg", "epub",
      "jsonl", "parquet", "text");
  public static final long DEFAULT_SPLIT_BYTES = 64L << 20;
  public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;

  private final String format;
  private final String source;
  private final List<String> paths;
  private final long splitBytes;
  private final long maxFileBytes;
  private final WebOptions web;
  private final CodeOptions code;
  private final String idField;
  private final String textField;
  private final Document.Kind kind;
  /** Set for a Common Crawl input ({@code commoncrawl: CC-MAIN-...}); then {@code paths} is empty. */
  private final CommonCrawlOptions commonCrawl;

  public IngestJob(String format, String source, List<String> paths, long splitBytes, long maxFileBytes,
                   WebOptions web, CodeOptions code, String idField, String textField, Document.Kind kind) {
    this(format, source, paths, splitBytes, maxFileBytes, web, code, idField, textField, kind, null);
  }

  public IngestJob(String format, String source, List<String> paths, long splitBytes, long maxFileBytes,
                   WebOptions web, CodeOptions code, String idField, String textField, Document.Kind kind,
                   CommonCrawlOptions commonCrawl) {
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("format must be one of " + FORMATS + ", got " + format);
    }
    if (splitBytes <= 0) {
      throw new IllegalArgumentException("splitBytes must be > 0, got " + splitBytes);
    }
    this.format = format;
    this.source = source;
    this.paths = List.copyOf(paths);
    this.splitBytes = splitBytes;
    this.maxFileBytes = maxFileBytes;
    this.web = web;
    this.code = code;
    this.idField = idField;
    this.textField = textField;
    this.kind = kind;
    this.commonCrawl = commonCrawl;
  }

  /** Default corpus name of a format: web formats are {@code web}, books {@code books}, the rest the format. */
  public static String defaultSource(String format) {
    return switch (format) {
      case "warc", "arc", "wet", "html" -> "web";
      case "gutenberg", "epub" -> "books";
      default -> format;
    };
  }

  /** Reads and validates the config; unknown keys and missing paths fail here, before Spark starts. */
  public static IngestJob fromConfig(ConfigNode cfg) {
    String format = cfg.choice("format", null, FORMATS.toArray(new String[0]));
    String source = cfg.string("source", defaultSource(format));
    if (!source.matches("[a-z0-9_\\-]+")) {
      throw cfg.error("source", "must be lower-case letters, digits, '_' or '-', got '" + source + "'");
    }
    CommonCrawlOptions cc = null;
    if (cfg.has(CommonCrawlOptions.KEY)) {
      if (cfg.has("paths")) {
        throw cfg.error("paths", "give either paths or commoncrawl, not both");
      }
      cc = CommonCrawlOptions.fromConfig(cfg, format);
    }
    List<String> paths = cc != null ? List.of() : cfg.strings("paths", null);
    if (cc == null && (paths == null || paths.isEmpty())) {
      throw cfg.error("paths", "is required (a list of files or folders)");
    }
    for (int i = 0; i < paths.size(); i++) {
      // Remote paths (hdfs://, s3a://) are checked when the job lists them, with the session's Hadoop settings.
      if (HadoopFiles.isLocal(paths.get(i)) && !Files.exists(HadoopFiles.localPath(paths.get(i)))) {
        throw cfg.error("paths", "entry " + i + " '" + paths.get(i) + "' does not exist");
      }
    }
    boolean isWeb = format.equals("warc") || format.equals("arc") || format.equals("wet") || format.equals("html");
    long split = DEFAULT_SPLIT_BYTES;
    WebOptions web = WebOptions.defaults();
    if (isWeb) {
      long maxRecord = cfg.integer("max_record_bytes", WebOptions.DEFAULT_MAX_RECORD_BYTES, 1, Long.MAX_VALUE);
      long timeout = cfg.integer("timeout_ms", web.timeoutMillis(), 1, 3_600_000);
      boolean extract = !format.equals("wet") && cfg.bool("extract", true);
      web = new WebOptions(maxRecord, timeout, extract);
      if (!format.equals("html")) {
        split = cfg.integer("split_bytes", DEFAULT_SPLIT_BYTES, 1 << 16, Long.MAX_VALUE);
      }
    }
    long maxFile = DEFAULT_MAX_FILE_BYTES;
    CodeOptions code = CodeOptions.defaults();
    if (format.equals("code")) {
      code = new CodeOptions(
          cfg.integer("max_file_bytes", CodeOptions.DEFAULT_MAX_FILE_BYTES, 1, Long.MAX_VALUE),
          cfg.integer("max_archive_bytes", CodeOptions.DEFAULT_MAX_ARCHIVE_BYTES, 1, Long.MAX_VALUE),
          cfg.integer("max_entries", CodeOptions.DEFAULT_MAX_ENTRIES, 1, Long.MAX_VALUE),
          cfg.number("max_ratio", CodeOptions.DEFAULT_MAX_RATIO, 1.0001, 1e9));
    } else if (!isWeb && !format.equals("jsonl") && !format.equals("parquet")) {
      maxFile = cfg.integer("max_file_bytes", DEFAULT_MAX_FILE_BYTES, 1, Integer.MAX_VALUE - 16);
    } else if (format.equals("jsonl")) {
      maxFile = cfg.integer("max_record_bytes", WebOptions.DEFAULT_MAX_RECORD_BYTES, 1, Integer.MAX_VALUE - 16);
    }
    String idField = null;
    String textField = null;
    Document.Kind kind = switch (format) {
      case "warc", "arc", "wet", "html" -> Document.Kind.WEB;
      case "code" -> Document.Kind.CODE;
      case "gutenberg", "epub" -> Document.Kind.BOOK;
      default -> Document.Kind.TEXT;
    };
    if (format.equals("jsonl") || format.equals("parquet")) {
      idField = cfg.string("id_field", "id");
      textField = cfg.string("text_field", "text");
    }
    if (format.equals("jsonl") || format.equals("parquet") || format.equals("text")) {
      String k = cfg.choice("kind", "text", "web", "code", "book", "text");
      kind = Document.Kind.of(k);
    }
    cfg.rejectUnknown();
    return new IngestJob(format, source, paths, split, maxFile, web, code, idField, textField, kind, cc);
  }

  public String format() {
    return format;
  }

  public String source() {
    return source;
  }

  /** The Common Crawl selection of this input, or null for an input of local/Hadoop paths. */
  public CommonCrawlOptions commonCrawl() {
    return commonCrawl;
  }

  /** The work list of local inputs, sorted; see the class comment. */
  public List<InputSplit> splits() {
    return splits(new Configuration());
  }

  /**
   * The work list, sorted; see the class comment. Inputs may be plain local paths or URIs of any Hadoop file
   * system; split paths are fully qualified URIs.
   */
  public List<InputSplit> splits(Configuration conf) {
    List<InputSplit> out = new ArrayList<>();
    for (String p : paths) {
      String root = HadoopFiles.qualify(conf, p);
      try {
        if (!HadoopFiles.exists(conf, root)) {
          throw new IllegalArgumentException("input path '" + p + "' does not exist");
        }
        if (HadoopFiles.isDirectory(conf, root)) {
          if (format.equals("code")) {
            out.add(InputSplit.whole(root, new org.apache.hadoop.fs.Path(root).getName()));
          }
          for (HadoopFiles.Listed f : HadoopFiles.listFiles(conf, root)) {
            String rel = f.relative();
            if (rel.startsWith(".") || rel.contains("/.")) {
              continue;
            }
            if (format.equals("code") && !isArchive(rel)) {
              continue;
            }
            addFile(out, f.path(), rel, f.size());
          }
        } else {
          addFile(out, root, new org.apache.hadoop.fs.Path(root).getName(), HadoopFiles.size(conf, root));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + p, e);
      }
    }
    out.sort(null);
    return out;
  }

  private static boolean isArchive(String n) {
    String l = n.toLowerCase(Locale.ROOT);
    return l.endsWith(".zip") || l.endsWith(".jar") || l.endsWith(".tar") || l.endsWith(".tgz")
        || l.endsWith(".tar.gz") || l.endsWith(".tar.xz") || l.endsWith(".txz") || l.endsWith(".tar.bz2")
        || l.endsWith(".tbz2");
  }

  private void addFile(List<InputSplit> out, String f, String rel, long size) {
    boolean crawl = format.equals("warc") || format.equals("arc") || format.equals("wet");
    if (crawl && size > splitBytes && GzipMembers.splittable(rel)) {
      for (long s = 0; s < size; s += splitBytes) {
        long e = s + splitBytes >= size ? Long.MAX_VALUE : s + splitBytes;
        out.add(new InputSplit(f, rel, s, e));
      }
    } else {
      out.add(InputSplit.whole(f, rel));
    }
  }

  /** A reader for one local split (tests, tools); also usable without Spark. */
  public IngestReader open(InputSplit s) {
    return open(s, new Configuration());
  }

  /**
   * A reader for one split: what each Spark task runs, with the driver's Hadoop configuration. Formats read
   * through {@link java.util.zip.ZipFile} (epub, code archives) need a local file: a remote one is first copied
   * to local scratch space, deleted when the reader closes.
   */
  public IngestReader open(InputSplit s, Configuration conf) {
    if (!HadoopFiles.isLocal(s.path()) && (format.equals("epub") || format.equals("code"))) {
      return ScratchCopy.read(s, conf, this::openLocal, source, kind);
    }
    return openAt(new InputFile(s.path(), conf), s);
  }

  private IngestReader openLocal(InputSplit s) {
    return openAt(InputFile.local(Path.of(s.path())), s);
  }

  private IngestReader openAt(InputFile f, InputSplit s) {
    String n = s.name();
    Path p = f.isLocal() ? HadoopFiles.localPath(f.path()) : null;
    return switch (format) {
      case "warc", "arc", "wet" -> ArcFileReader.isArc(n)
          ? new ArcFileReader(f, n, source, s.start(), s.end(), web)
          : new WarcFileReader(f, n, source, s.start(), s.end(), web);
      case "html" -> new SingleRecordReader(() -> HtmlFileReader.read(f, n, source, web));
      case "text" -> new SingleRecordReader(() -> TextFileReader.read(f, n, source, kind, maxFileBytes));
      case "gutenberg" -> new SingleRecordReader(() -> GutenbergReader.read(f, n, source, maxFileBytes));
      case "epub" -> new SingleRecordReader(() -> EpubReader.read(p, n, source, maxFileBytes));
      case "jsonl" -> new JsonlReader(f, n, source, kind, idField, textField, maxFileBytes);
      case "code" -> new CodeArchiveReader(p, n, source, code);
      default -> throw new IllegalStateException("format " + format + " has no per-file reader");
    };
  }

  /** All rows of all splits, in split order: document schema + reason (null = kept). */
  public Dataset<Row> read(SparkSession spark) {
    if (commonCrawl != null) {
      throw new IllegalStateException("a Common Crawl input keeps resume state next to its output: read it with "
          + "kiln.jobs.ingest.commoncrawl.CommonCrawlIngest");
    }
    if (format.equals("parquet")) {
      return ParquetInput.read(spark, paths, source, idField, textField, kind);
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<InputSplit> splits = splits(conf);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<InputSplit> rdd = jsc.parallelize(splits, slices(splits, splitBytes, jsc.defaultParallelism(), conf));
    IngestJob job = this;
    // Executors open files with the driver's Hadoop settings (endpoints, credentials), not a default configuration.
    Broadcast<HadoopConf> confB = jsc.broadcast(new HadoopConf(conf));
    JavaRDD<Row> rows = rdd.flatMap(split -> job.rows(split, confB.value().get()));
    return spark.createDataFrame(rows, DocumentSchema.ANNOTATED);
  }

  /**
   * Tasks for the splits: about one per {@code splitBytes} of input, at least one per core, at most one per
   * split. Small files share a task (a task per file costs more in scheduling than reading a small file);
   * parallelize keeps contiguous runs of the sorted split list together, so the row order is unchanged.
   */
  static int slices(List<InputSplit> splits, long splitBytes, int parallelism) {
    return slices(splits, splitBytes, parallelism, new Configuration());
  }

  static int slices(List<InputSplit> splits, long splitBytes, int parallelism, Configuration conf) {
    long total = 0;
    for (InputSplit s : splits) {
      long len = s.end() - s.start();
      if (s.end() == Long.MAX_VALUE) {
        try {
          len = HadoopFiles.size(conf, s.path());
        } catch (java.io.IOException | RuntimeException e) {
          len = splitBytes; // unreadable: its reader reports it; give it a task of its own
        }
      }
      total += Math.max(0, len);
    }
    long bySize = (total + splitBytes - 1) / Math.max(1, splitBytes);
    return (int) Math.max(1, Math.min(splits.size(), Math.max(parallelism, bySize)));
  }

  /** The rows of one split, lazily. */
  public Iterator<Row> rows(InputSplit split) {
    return rows(split, new Configuration());
  }

  public Iterator<Row> rows(InputSplit split, Configuration conf) {
    IngestReader reader = open(split, conf);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return reader.hasNext();
      }

      @Override
      public Row next() {
        IngestRecord r = reader.next();
        return DocumentSchema.toAnnotatedRow(r.doc(), r.reason());
      }
    };
  }
}

package kiln.jobs.ingest.commoncrawl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import kiln.core.Columns;
import kiln.core.Document;
import kiln.core.fs.HadoopFiles;
import kiln.core.spark.DocumentSchema;
import kiln.jobs.ingest.InputSplit;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.spark.IngestJob;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Ingest of a Common Crawl listing, resumable across runs.
 *
 * <p>The listed files not yet done are cut into batches of {@code batch_files}; each batch is one Spark job with
 * one task per file. A task fetches its file to a local spool ({@link Fetcher}: retries, byte-range resume, length
 * check) and only then reads it with the same reader as a local file, named by its listing path, so ids are
 * {@code source + listing path @ record offset}, exactly those of {@code --in} over a copy of the crawl tree.
 * A file that still fails after its last attempt yields one {@code ingest:fetch_failed} row (file, attempts,
 * error) instead of its records.
 *
 * <p>A batch is committed to the state folder {@code .OUT.commoncrawl/<crawl>-<kind>-<source>/} (a sibling of the
 * stage output) as Parquet plus {@code _files.txt}, the files it holds complete, then renamed into place. The
 * stage's rows are all committed batches (each file exactly once) plus this run's {@code fetch_failed} rows. A
 * rerun with the same output skips every file named in a committed batch, so after a killed driver or a failed
 * file only the unfinished files are fetched, and the output equals that of an uninterrupted run. The state is
 * deleted once the stage output is committed with no file failed.
 */
public final class CommonCrawlIngest {
  public static final String FILE_COLUMN = "cc_file";
  static final StructType SCHEMA = DocumentSchema.ANNOTATED.add(FILE_COLUMN, "string", false);
  private static final String MANIFEST = "_files.txt";
  private static final String BATCH = "batch-";
  /** Not "_" or ".": Spark's file index skips such names. */
  private static final String TMP = "tmp-";

  private final IngestJob job;
  private final CommonCrawlOptions cc;
  private final String stateDir;
  private int files;
  private int quarantined = -1;

  public CommonCrawlIngest(IngestJob job, String outDir) {
    if (job.commonCrawl() == null) {
      throw new IllegalArgumentException("not a Common Crawl input");
    }
    this.job = job;
    this.cc = job.commonCrawl();
    Path out = new Path(outDir);
    String key = (cc.crawl() + "-" + cc.kind() + "-" + job.source()).replaceAll("[^A-Za-z0-9_.\\-]", "_");
    this.stateDir = new Path(new Path(out.getParent(), "." + out.getName() + ".commoncrawl"), key).toString();
  }

  public String stateDir() {
    return stateDir;
  }

  /** Fetches what is not done yet and returns the rows of every listed file ({@link DocumentSchema#ANNOTATED}). */
  public Dataset<Row> read(SparkSession spark) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Fetcher fetcher = Fetcher.forBase(cc.base(), cc.retry(), cc.readTimeoutMs(), fsSettings(conf));
    List<String> listed = CrawlListing.load(cc, fetcher, conf);
    files = listed.size();
    try {
      FileSystem fs = new Path(stateDir).getFileSystem(conf);
      fs.setWriteChecksum(false);
      dropUncommitted(fs);
      Map<String, Set<String>> committed = committed(fs);
      Set<String> done = new HashSet<>();
      committed.values().forEach(done::addAll);
      List<String> pending = new ArrayList<>();
      for (String f : listed) {
        if (!done.contains(f)) {
          pending.add(f);
        }
      }
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      int batchSize = cc.batchFiles() > 0 ? cc.batchFiles() : Math.max(16, 4 * jsc.defaultParallelism());
      FileTask task = new FileTask(job, fetcher, spark.sparkContext().longAccumulator("cc_attempts"),
          spark.sparkContext().longAccumulator("cc_resumes"), spark.sparkContext().longAccumulator("cc_bytes"));
      List<Row> failed = new ArrayList<>();
      for (int i = 0; i < pending.size(); i += batchSize) {
        List<String> batch = pending.subList(i, Math.min(pending.size(), i + batchSize));
        failed.addAll(runBatch(spark, jsc, fs, batch, task));
      }
      quarantined = failed.size();
      System.err.printf("commoncrawl %s %s: %d files listed, %d already done, %d fetched now (%d attempts, "
              + "%d range resumes, %d bytes), %d failed%n", cc.crawl(), cc.kind(), listed.size(),
          listed.size() - pending.size(), pending.size() - failed.size(), task.attempts.value(),
          task.resumes.value(), task.bytes.value(), failed.size());
      return assemble(spark, fs, listed, failed);
    } catch (IOException e) {
      throw new UncheckedIOException("Common Crawl state in " + stateDir, e);
    }
  }

  /** Stats key counting listed files that still failed after every attempt; the pipeline reruns such a stage. */
  public static final String FAILED_KEY = "commoncrawl_failed";

  /** {@code commoncrawl_files} and {@code commoncrawl_failed} for {@code _stats.json}. */
  public Map<String, Object> stats() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("commoncrawl_files", files);
    m.put(FAILED_KEY, quarantined);
    return m;
  }

  /** After the stage output is committed: the state is dropped unless a file failed (the rerun needs it). */
  public void afterCommit(Configuration conf) {
    if (quarantined != 0) {
      return;
    }
    try {
      Path state = new Path(stateDir);
      FileSystem fs = state.getFileSystem(conf);
      fs.delete(state, true);
      Path parent = state.getParent();
      if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
        fs.delete(parent, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + stateDir, e);
    }
  }

  /** Batches a killed driver left half-written: their files are not in any manifest, so they are fetched again. */
  private void dropUncommitted(FileSystem fs) throws IOException {
    Path state = new Path(stateDir);
    if (fs.exists(state)) {
      for (FileStatus st : fs.listStatus(state)) {
        if (st.getPath().getName().startsWith(TMP)) {
          fs.delete(st.getPath(), true);
        }
      }
    }
  }

  /** Committed batches and the files each holds complete. */
  private Map<String, Set<String>> committed(FileSystem fs) throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    Path state = new Path(stateDir);
    if (!fs.exists(state)) {
      return out;
    }
    for (FileStatus st : fs.listStatus(state)) {
      String name = st.getPath().getName();
      if (!st.isDirectory() || !name.startsWith(BATCH)) {
        continue;
      }
      String m = HadoopFiles.readString(fs.getConf(), new Path(st.getPath(), MANIFEST).toString());
      if (m == null) {
        continue;
      }
      Set<String> files = new HashSet<>();
      for (String line : m.split("\n")) {
        if (!line.isEmpty()) {
          files.add(line);
        }
      }
      out.put(st.getPath().toString(), files);
    }
    return out;
  }

  /** One Spark job for the batch; commits the files that came through; returns the failure rows. */
  private List<Row> runBatch(SparkSession spark, JavaSparkContext jsc, FileSystem fs, List<String> batch,
                             FileTask task) throws IOException {
    String name = BATCH + DigestUtils.sha256Hex(String.join("\n", batch)).substring(0, 20);
    Path tmp = new Path(stateDir, TMP + name);
    Path fin = new Path(stateDir, name);
    fs.delete(tmp, true);
    JavaRDD<Row> rows = jsc.parallelize(new ArrayList<>(batch), batch.size()).flatMap(task);
    spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).parquet(tmp.toString());
    List<Row> failed = spark.read().schema(SCHEMA).parquet(tmp.toString())
        .filter(col(Columns.REASON).equalTo(IngestReasons.FETCH_FAILED)).collectAsList();
    Set<String> bad = new HashSet<>();
    failed.forEach(r -> bad.add(r.getString(r.fieldIndex(FILE_COLUMN))));
    StringBuilder manifest = new StringBuilder();
    for (String f : batch) {
      if (!bad.contains(f)) {
        manifest.append(f).append('\n');
      }
    }
    if (manifest.length() == 0) {
      fs.delete(tmp, true);
      return failed;
    }
    HadoopFiles.writeString(fs.getConf(), new Path(tmp, MANIFEST).toString(), manifest.toString());
    fs.delete(fin, true);
    if (!fs.rename(tmp, fin)) {
      throw new IOException("rename failed: " + tmp + " -> " + fin);
    }
    return failed;
  }

  /** Every listed file once: its records from the batch that committed it, or this run's failure row. */
  private Dataset<Row> assemble(SparkSession spark, FileSystem fs, List<String> listed, List<Row> failed)
      throws IOException {
    Set<String> wanted = new HashSet<>(listed);
    Set<String> owned = new HashSet<>();
    Dataset<Row> all = spark.createDataFrame(failed, SCHEMA);
    for (Map.Entry<String, Set<String>> b : committed(fs).entrySet()) {
      // A batch may name files outside this listing (an earlier run with another selection): leave those out.
      List<String> skip = new ArrayList<>();
      for (String f : b.getValue()) {
        if (!wanted.contains(f) || !owned.add(f)) {
          skip.add(f);
        }
      }
      Dataset<Row> rows = spark.read().schema(SCHEMA).parquet(b.getKey())
          .filter(col(Columns.REASON).isNull().or(col(Columns.REASON).notEqual(IngestReasons.FETCH_FAILED)));
      if (!skip.isEmpty()) {
        rows = rows.filter(not(col(FILE_COLUMN).isin(skip.toArray())));
      }
      all = all.unionByName(rows);
    }
    return all.drop(FILE_COLUMN);
  }

  /** The driver's {@code fs.*} Hadoop settings, handed to executors for Hadoop-FS bases. */
  private static Map<String, String> fsSettings(Configuration conf) {
    Map<String, String> m = new HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      if (e.getKey().startsWith("fs.s3a.") || e.getKey().startsWith("fs.defaultFS")) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return m;
  }

  /** One Spark task: fetch one listed file to a spool, read it with the format's reader, delete the spool. */
  static final class FileTask implements FlatMapFunction<String, Row> {
    private static final long serialVersionUID = 1L;
    private final IngestJob job;
    private final Fetcher fetcher;
    final LongAccumulator attempts;
    final LongAccumulator resumes;
    final LongAccumulator bytes;

    FileTask(IngestJob job, Fetcher fetcher, LongAccumulator attempts, LongAccumulator resumes,
             LongAccumulator bytes) {
      this.job = job;
      this.fetcher = fetcher;
      this.attempts = attempts;
      this.resumes = resumes;
      this.bytes = bytes;
    }

    @Override
    public Iterator<Row> call(String rel) throws IOException {
      java.nio.file.Path spool = Files.createTempFile("kiln-cc-", ".spool");
      spool.toFile().deleteOnExit();
      Fetcher.Result got;
      try {
        got = fetcher.fetch(rel, spool);
      } catch (Fetcher.FetchFailedException e) {
        Files.deleteIfExists(spool);
        attempts.add(e.attempts());
        return List.of(withFile(failure(rel, e), rel)).iterator();
      }
      attempts.add(got.attempts());
      resumes.add(got.resumes());
      bytes.add(got.bytes());
      Iterator<Row> rows = job.rows(InputSplit.whole(spool.toString(), rel));
      return new Iterator<>() {
        private boolean open = true;

        @Override
        public boolean hasNext() {
          if (open && !rows.hasNext()) {
            open = false;
            try {
              Files.deleteIfExists(spool);
            } catch (IOException ignored) {
              // deleteOnExit is the fallback.
            }
          }
          return open;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return withFile(rows.next(), rel);
        }
      };
    }

    private Row failure(String rel, Fetcher.FetchFailedException e) {
      Map<String, String> meta = new TreeMap<>();
      meta.put("attempts", Integer.toString(e.attempts()));
      meta.put("error", Fetcher.describe(e));
      meta.put("location", fetcher.location(rel));
      IngestRecord r = IngestRecord.rejected(job.source(), Document.Kind.WEB, rel, "0", null,
          IngestReasons.FETCH_FAILED, Fetcher.describe(e), meta);
      Document d = r.doc();
      // Distinct from the id of the record at offset 0, which a later successful fetch produces.
      Document doc = new Document(Document.idFor(job.source(), rel + "@0!fetch"), d.source(), d.kind(), d.url(),
          d.text(), d.lang(), d.meta());
      return DocumentSchema.toAnnotatedRow(doc, r.reason());
    }

    private static Row withFile(Row r, String rel) {
      Object[] v = new Object[r.length() + 1];
      for (int i = 0; i < r.length(); i++) {
        v[i] = r.get(i);
      }
      v[r.length()] = rel;
      return RowFactory.create(v);
    }
  }
}

package kiln.jobs.ingest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kiln.core.SharedData;
import kiln.core.config.ConfigNode;
import kiln.jobs.ingest.InputSplit;
import kiln.jobs.ingest.IngestReader;
import kiln.jobs.ingest.IngestRecord;
import kiln.jobs.ingest.spark.IngestJob;

/**
 * WARC ingest speed and split planning. Builds {@code --size-mb} MB (default 1024) of gzip-per-record WARC by
 * concatenating real crawl files from $KILN_SHARED/data/web/warc (concatenated gzip-per-record WARCs are a valid
 * WARC), plans its splits with the default {@code split_bytes}, then reads the first {@code --read-splits} splits
 * (default 1) on one thread and reports compressed MB per CPU-second (= per core) and records per second.
 * Usage: {@code WarcThroughputBench [--size-mb N] [--read-splits K] [--dir DIR] [--timeout-ms MS]}; it also prints a
 * digest of the kept documents, so that a speed change can show it extracts the same text.
 */
public final class WarcThroughputBench {
  private WarcThroughputBench() {}

  static final String[] INPUTS = {"aut/example.warc.gz", "pywb/iana.warc.gz", "dolma/sample-0001.warc.gz",
      "resiliparse/warcfile.warc.gz", "ukwa/wikipedia-mona-lisa__flashfrozen-jwat-recompressed.warc.gz",
      "ukwa/gov.uk-revisit-warcs__BL-20140325121225068-00000-32090~opera~8443.warc.gz"};

  public static void main(String[] args) throws IOException {
    long sizeMb = 1024;
    int readSplits = 1;
    // A loaded machine can push pages past the default extraction budget; a large one keeps the digest stable.
    long timeoutMs = 5_000;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "kiln-bench-ingest");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size-mb" -> sizeMb = Long.parseLong(args[++i]);
        case "--read-splits" -> readSplits = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--timeout-ms" -> timeoutMs = Long.parseLong(args[++i]);
        default -> { }
      }
    }
    Path warc = SharedData.data("web/warc").orElseThrow(() -> new IllegalStateException("needs $KILN_SHARED"));
    Files.createDirectories(dir);
    Path big = dir.resolve("big-" + sizeMb + "mb.warc.gz");
    long target = sizeMb << 20;
    if (!Files.exists(big) || Files.size(big) < target) {
      try (OutputStream out = Files.newOutputStream(big, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        long written = 0;
        while (written < target) {
          for (String in : INPUTS) {
            try (InputStream is = Files.newInputStream(warc.resolve(in))) {
              written += is.transferTo(out);
            }
          }
        }
      }
    }
    IngestJob job = IngestJob.fromConfig(ConfigNode.parse("format: warc\ntimeout_ms: " + timeoutMs + "\npaths: ['" + big + "']\n", "bench"));
    List<InputSplit> splits = job.splits();
    System.out.printf(Locale.ROOT, "BENCH ingest_splits file_mb=%.1f split_bytes=%d splits=%d%n",
        Files.size(big) / 1048576.0, IngestJob.DEFAULT_SPLIT_BYTES, splits.size());

    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<InputSplit> toRead = new ArrayList<>(splits.subList(0, Math.min(readSplits, splits.size())));
    long bytes = 0;
    long records = 0;
    long kept = 0;
    // Digest of every kept document (id, title, text): a speed change must leave it as it was.
    java.security.MessageDigest digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long cpu0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (InputSplit s : toRead) {
      long end = Math.min(s.end(), Files.size(big));
      bytes += end - s.start();
      try (IngestReader r = job.open(s)) {
        for (IngestRecord rec : r) {
          records++;
          if (rec.isKept()) {
            kept++;
            digest.update(rec.doc().id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(rec.doc().text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(String.valueOf(rec.doc().meta().get("title")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      }
    }
    double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double wall = (System.nanoTime() - t0) / 1e9;
    double mb = bytes / 1e6;
    System.out.printf(Locale.ROOT,
        "BENCH ingest_warc docs=%d mb=%.1f seconds=%.2f mb_per_s=%.2f records=%d records_per_s=%.0f cpu_seconds=%.2f"
            + " mb_per_cpu_s=%.2f records_per_cpu_s=%.0f splits_read=%d kept_sha256=%s%n",
        kept, mb, wall, mb / wall, records, records / wall, cpu, mb / cpu, records / cpu, toRead.size(),
        java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16));
  }
}

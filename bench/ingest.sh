#!/usr/bin/env bash
# Ingest benchmarks: main-text extraction F1 on Mozilla Readability's test pages, then WARC read speed and split
# planning on a 1 GB gzip-per-record WARC built in $TMPDIR from the shared crawl files.
# Usage: bench/ingest.sh [--size-mb N] [--read-splits K]   (defaults: 1024 MB, read 1 split of 64 MiB)
. "$(dirname "$0")/lib.sh"
cp=$(kiln_classpath jobs)
java $SPARK_JVM_FLAGS -Xmx2g -cp "$cp" kiln.jobs.ingest.bench.ExtractionF1Bench
java $SPARK_JVM_FLAGS -Xmx2g -cp "$cp" kiln.jobs.ingest.bench.WarcThroughputBench "$@"

#!/usr/bin/env bash
# Ingest benchmarks: main-text extraction F1 on Mozilla Readability's test pages, then WARC read speed and split
# planning on a 1 GB gzip-per-record WARC built in $TMPDIR from the shared crawl files, next to `zcat` on the same
# file in the same run (the floor: decompression alone), both in compressed MB per CPU-second (= per core).
# Usage: bench/ingest.sh [--size-mb N] [--read-splits K]   (defaults: 1024 MB, read 1 split of 64 MiB)
. "$(dirname "$0")/lib.sh"
cp=$(kiln_classpath jobs)
java $SPARK_JVM_FLAGS $KILN_GC_FLAGS -Xmx2g -cp "$cp" kiln.jobs.ingest.bench.ExtractionF1Bench threads2
dir=${TMPDIR:-/tmp}/kiln-bench-ingest
out=$(java $SPARK_JVM_FLAGS $KILN_GC_FLAGS -Xmx2g -cp "$cp" kiln.jobs.ingest.bench.WarcThroughputBench --dir "$dir" "$@" | grep '^BENCH')
echo "$out"
size=1024
while [ $# -gt 0 ]; do [ "$1" = "--size-mb" ] && size=$2; shift; done
big="$dir/big-${size}mb.warc.gz"
if command -v zcat >/dev/null && [ -f "$big" ]; then
  TIMEFORMAT='%U %S'
  cpu=$({ time zcat "$big" >/dev/null; } 2>&1 | awk '{print $1 + $2}')
  mb=$(awk -v b="$(stat -c %s "$big")" 'BEGIN{printf "%.1f", b / 1e6}')
  kiln=$(echo "$out" | sed -n 's/.*BENCH ingest_warc .*mb_per_cpu_s=\([0-9.]*\).*/\1/p')
  awk -v mb="$mb" -v cpu="$cpu" -v k="$kiln" 'BEGIN{z = mb / cpu;
    printf "BENCH ingest_zcat mb=%.1f cpu_seconds=%.2f mb_per_cpu_s=%.2f kiln_mb_per_cpu_s=%s kiln_over_zcat=%.3f\n",
      mb, cpu, z, k, k / z}'
fi

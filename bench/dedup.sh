#!/usr/bin/env bash
# Dedup benchmarks: accuracy tables (recall vs LSH theory, flagged-pair Jaccard, gutenberg-editions) and the
# scale curve (DedupStage wall time and peak memory per input size, plus one giant-bucket run).
# From a git worktree, set KILN_SHARED to the shared folder.
#   bench/dedup.sh accuracy
#   bench/dedup.sh scale [N1 N2 ...]      default sizes: 50000 100000 200000 400000 (or DEDUP_SIZES="...",
#                                         DEDUP_SIZES="" for none: the giant bucket alone)
#   bench/dedup.sh minhash [PASSES]        MinHash signature kernel (normalise, shingle, 112 minima, band keys):
#                                         MB per CPU-second on one thread and on two, and each step alone
#   bench/dedup.sh all
# Scale: every size is generated in one JVM and timed in a fresh one, so each BENCH line's peak_rss_mb
# (VmHWM) belongs to that size alone. DEDUP_BOILER=N (default 200000, 0 = skip) adds the giant-bucket run;
# DEDUP_XMX sets the timed JVM's heap (default 4g); DEDUP_CONFIG replaces the stage YAML (default: exact +
# MinHash 14x8). Inputs are kept under DEDUP_WORK and reused.
. "$(dirname "$0")/lib.sh"
what=${1:-all}
[[ $# -gt 0 ]] && shift
work=${DEDUP_WORK:-$KILN_ROOT/dedup/target/bench}
mkdir -p "$work"
if [[ $what == accuracy || $what == all ]]; then
  kiln_java dedup kiln.dedup.bench.DedupAccuracy "${DEDUP_PAIRS:-2000}" 14 8
fi
if [[ $what == minhash || $what == all ]]; then
  if [[ $what == minhash ]]; then
    kiln_java dedup kiln.dedup.bench.MinHashBench "$@"
  else
    kiln_java dedup kiln.dedup.bench.MinHashBench
  fi
fi
if [[ $what == scale || $what == all ]]; then
  if [[ $what == scale && $# -gt 0 ]]; then
    sizes=("$@")
  else
    read -r -a sizes <<< "${DEDUP_SIZES-50000 100000 200000 400000}"
  fi
  cp=$(kiln_classpath dedup)
  bench() {
    java $SPARK_JVM_FLAGS $KILN_GC_FLAGS -Xmx"${DEDUP_XMX:-4g}" -cp "$cp" kiln.dedup.bench.DedupScaleBench "$@"
  }
  for n in "${sizes[@]}"; do
    bench generate text "$work" "$n"
    if [[ -n ${DEDUP_CONFIG:-} ]]; then
      bench run text "$work" "$n" "$DEDUP_CONFIG"
    else
      bench run text "$work" "$n"
    fi
  done
  boiler=${DEDUP_BOILER:-200000}
  if (( boiler > 0 )); then
    bench generate boiler "$work" "$boiler"
    bench run boiler "$work" "$boiler"
  fi
fi

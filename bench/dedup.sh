#!/usr/bin/env bash
# Dedup benchmarks: accuracy tables (recall vs LSH theory, flagged-pair Jaccard, gutenberg-editions) and the
# scale curve (DedupStage wall time at four sizes + one giant-bucket run). Sizes are scaled for a 2-core box;
# override with DEDUP_SIZES / DEDUP_BOILER / DEDUP_PAIRS. From a git worktree, set KILN_SHARED to the shared folder.
#   bench/dedup.sh [accuracy|scale|all]
. "$(dirname "$0")/lib.sh"
what=${1:-all}
work=${DEDUP_WORK:-$KILN_ROOT/dedup/target/bench}
mkdir -p "$work"
if [[ $what == accuracy || $what == all ]]; then
  kiln_java dedup kiln.dedup.bench.DedupAccuracy "${DEDUP_PAIRS:-2000}" 14 8
fi
if [[ $what == scale || $what == all ]]; then
  kiln_java dedup kiln.dedup.bench.DedupScaleBench "$work" "${DEDUP_SIZES:-4000,8000,16000,32000}" \
    "${DEDUP_BOILER:-200000}"
fi

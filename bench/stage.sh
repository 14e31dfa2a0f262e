#!/usr/bin/env bash
# Document-stage overhead on one core: the filter chain alone (thread CPU) against the filter stage on Spark
# local[1] reading Parquet and writing kept/, rejected/ and _stats.json as `kiln filter` does (process CPU), a
# pass-through stage (filters: []) and the stage runner with no row conversion, on the filter benchmark's corpus.
#   bench/stage.sh [runs=N] [only=kernel,convert,filter,passthrough,io]   (default: 3 timed runs after a warm-up)
. "$(dirname "$0")/lib.sh"
dir=$(mktemp -d /tmp/kiln-bench-stage.XXXXXX)
trap 'rm -rf "$dir"' EXIT
kiln_java filters kiln.filters.bench.StageInput "$dir" >&2
kiln_java jobs kiln.jobs.bench.DocumentStageBench "$dir" "$@"

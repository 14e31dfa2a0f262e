#!/usr/bin/env bash
# Mixture planning + selection throughput (shard writing is benchmarked by the tokenize stage).
# Usage: bench/mix.sh [DOCS_PER_SOURCE=200000] [WORKDIR=mixtures/target/mixbench]
. "$(dirname "$0")/lib.sh"
kiln_java mixtures kiln.mixtures.bench.MixBench "${1:-200000}" "${2:-$KILN_ROOT/mixtures/target/mixbench}"

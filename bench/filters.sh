#!/usr/bin/env bash
# Filter benchmarks (single thread unless threads2):
#   bench/filters.sh [chain [PASSES] [per-filter] [threads2]]
#                               FineWeb chain throughput (BENCH filters_fineweb_chain ...): language step pinned to
#                               model: optimaize (model=optimaize) and without it (model=none); per filter and on
#                               two threads on request
#   bench/filters.sh langid     language-ID evaluation (same as bench/langid.sh; its arguments follow)
. "$(dirname "$0")/lib.sh"
case "${1:-chain}" in
  chain) kiln_java filters kiln.filters.bench.FilterChainBench "${@:2}" ;;
  langid) kiln_java filters kiln.filters.bench.LanguageAccuracy "${@:2}" ;;
  *) echo "usage: $0 [chain|langid]" >&2; exit 2 ;;
esac

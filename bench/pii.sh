#!/usr/bin/env bash
# PII stage throughput, single thread, on books and web text from $KILN_SHARED/data.
# Usage: bench/pii.sh [MIN_SECONDS_PER_CORPUS] [threads2]   (threads2: also the kernel on one and two threads,
#        median of 5 passes after 3 warm-ups, with the wall speed-up)
. "$(dirname "$0")/lib.sh"
kiln_java filters kiln.filters.pii.bench.PiiBench "$KILN_SHARED/data" "${1:-5}" "${@:2}"

#!/usr/bin/env bash
# Dumps Lingua's confidence values over all 75 languages, 5-gram novelty counts of the top labels, optimaize's label
# and the shipped identifier's label per Leipzig sample (kiln.filters.bench.LanguageFeatureDump), for replaying
# und rules offline with bench/langid-replay.py (docs/filters.md, `language`).
#   bench/langid-features.sh --out FILE [--splits even:100,heldout:50] [--sets sentences,paragraphs]
. "$(dirname "$0")/lib.sh"
kiln_java filters kiln.filters.bench.LanguageFeatureDump "$@"

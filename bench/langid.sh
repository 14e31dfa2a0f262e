#!/usr/bin/env bash
# Language-ID evaluation (docs/filters.md, `language`): accuracy per language and mean at sentence, word-pair and
# paragraph length on the lingua Leipzig test data, und rate on languages a model does not cover, load time,
# heap and speed (process CPU time; on a shared machine the CPU-time rates are the per-core figures).
#   bench/langid.sh                                         optimaize, lingua-high, lingua-low; all sentences
#   bench/langid.sh --models lingua-high --per-language 50  one model, 50 samples per language and length
#   bench/langid.sh --unsupported DIR                       more uncovered languages (<iso>.txt, one text a line)
#   bench/langid.sh --split heldout --per-language 50       odd lines from 200 on (no shipped threshold saw them);
#                                                           also even|odd|all
#   bench/langid.sh --models lingua-high-no-novelty --split even --per-language 250 --calibrate-novelty FILE
#                                                           writes NgramNovelty's thresholds (--alpha 0.005)
#   bench/langid.sh --models lingua-high --split heldout --per-language 50 --sets sentences,paragraphs --leave-one-out
#                                                           per covered language L: share of L's samples that are
#                                                           und with L left out of the candidates
#   models: optimaize lingua-high lingua-low lingua-{high,low}-no-novelty cascade cascade-no-novelty
. "$(dirname "$0")/lib.sh"
kiln_java filters kiln.filters.bench.LanguageAccuracy "$@"

#!/usr/bin/env bash
# Trains kiln-demo.model, the small SentencePiece model bundled in the jar as `spm:builtin:kiln-demo`.
#
# Why: tests, demos and the end-to-end example need a real tokenizer with no download. No published model may
# be redistributed without checking its licence, so the project trains its own on text the project wrote:
# the repository's *.java and *.md files (at the commit checked out) plus the team's reference notes in
# $KILN_SHARED/reference/*.md. Nothing from $KILN_SHARED/data is used: that is third-party test data.
#
# How: spm_train (Debian package `sentencepiece`, 0.1.97 here: `apt-get install -y sentencepiece`), unigram,
# 4000 pieces, byte fallback (so any UTF-8 text round-trips, no <unk>), full character coverage, one thread,
# no input shuffling: the same inputs give the same model bytes. The corpus is small (~0.2 MB), so the model
# is a demo tokenizer, not one to train an LLM with; `kiln tokenizer train` makes real ones.
#
# Reproduce: check out the commit named in tokenize/model/kiln-demo.provenance (the corpus is the repository at
# that commit), run this script, compare the sha256. Run at a later commit it trains a different model, since
# the repository's text has grown; commit the new model and provenance together if that is intended.
#
# Usage: KILN_SHARED=/path/to/shared tokenize/model/train-demo-model.sh   (writes into the source tree)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED=${KILN_SHARED:-$ROOT/../shared}
OUT=$ROOT/tokenize/src/main/resources/kiln/tokenize/kiln-demo
command -v spm_train >/dev/null || { echo "spm_train not found: apt-get install -y sentencepiece" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Sorted (byte order) file list, so the corpus bytes depend only on the commit and the reference notes.
(cd "$ROOT" && git ls-files -z -- '*.java' '*.md' | LC_ALL=C sort -z | xargs -0 cat) > "$WORK/corpus.txt"
(cd "$SHARED/reference" && ls *.md | LC_ALL=C sort | xargs cat) >> "$WORK/corpus.txt"
echo "corpus: $(wc -c < "$WORK/corpus.txt") bytes, $(wc -l < "$WORK/corpus.txt") lines" >&2

# Relative paths: spm_train stores its arguments in the model, and a temp dir name would change its bytes.
(cd "$WORK" && spm_train --input=corpus.txt --model_prefix=kiln-demo \
  --model_type=unigram --vocab_size=4000 --character_coverage=1.0 --byte_fallback=true \
  --shuffle_input_sentence=false --num_threads=1 --seed_sentencepiece_size=1000000 \
  --input_sentence_size=0 --max_sentence_length=16384 \
  --minloglevel=1)
cp "$WORK/kiln-demo.model" "$OUT.model"
{
  echo "trained by tokenize/model/train-demo-model.sh at commit $(cd "$ROOT" && git rev-parse HEAD)"
  echo "spm_train $(dpkg-query -W -f='${Version}' sentencepiece 2>/dev/null || echo unknown)"
  echo "corpus_bytes $(wc -c < "$WORK/corpus.txt")"
  echo "sha256 $(sha256sum "$OUT.model" | cut -d' ' -f1)"
} > "$ROOT/tokenize/model/kiln-demo.provenance"
cat "$ROOT/tokenize/model/kiln-demo.provenance"
ls -la "$OUT.model"

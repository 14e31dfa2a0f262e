#!/usr/bin/env bash
# SentencePiece encoding speed: Kiln's Java encoder (line by line) vs native spm_encode, same text, same model,
# same run, for a unigram and a BPE model; the ids of both are compared before timing.
# Corpus: the Project Gutenberg books in $KILN_SHARED/data/books/gutenberg (decoded as UTF-8 with replacement,
# ~17 MB). Models: an 8k unigram and an 8k BPE model trained here on that corpus with spm_train (into /tmp), so the
# speed is that of a realistic vocabulary rather than the 4k demo model.
# Needs: Debian package sentencepiece (spm_train, spm_encode), python3.
# Usage: bench/tokenize.sh [ROUNDS]
. "$(dirname "$0")/lib.sh"
ROUNDS=${1:-3}
command -v spm_encode >/dev/null || { echo "spm_encode not found: apt-get install -y sentencepiece" >&2; exit 1; }
WORK=${TMPDIR:-/tmp}/kiln-bench-tokenize
mkdir -p "$WORK"
python3 - "$KILN_SHARED/data/books/gutenberg" "$WORK/corpus.txt" <<'PY'
import pathlib, sys
src, out = pathlib.Path(sys.argv[1]), sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for p in sorted(src.glob("*.txt")):
        f.write(p.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n"))
PY
echo "corpus: $(wc -c < "$WORK/corpus.txt") bytes" >&2
for TYPE in unigram bpe; do
MODEL="$WORK/bench8k-$TYPE.model"
if [ ! -f "$MODEL" ]; then
  (cd "$WORK" && spm_train --input=corpus.txt --model_prefix="bench8k-$TYPE" --model_type=$TYPE --vocab_size=8000 \
     --character_coverage=0.9995 --input_sentence_size=300000 --shuffle_input_sentence=true --num_threads=2 \
     --minloglevel=2)
fi
# Native: best of ROUNDS (spm_encode is single-threaded), I/O to /dev/null.
best=""
for _ in $(seq "$ROUNDS"); do
  t0=$(date +%s.%N)
  spm_encode --model="$MODEL" --output_format=id < "$WORK/corpus.txt" > /dev/null
  t1=$(date +%s.%N)
  s=$(python3 -c "print(f'{$t1 - $t0:.3f}')")
  best=$(python3 -c "print(min(float('$s'), float('${best:-1e9}')))")
done
echo "$TYPE: spm_encode best of $ROUNDS: ${best}s" >&2
spm_encode --model="$MODEL" --output_format=id < "$WORK/corpus.txt" > "$WORK/corpus-$TYPE.ids"
kiln_java tokenize kiln.tokenize.bench.TokenizeBench "$MODEL" "$WORK/corpus.txt" "$best" "$ROUNDS" \
  "$WORK/corpus-$TYPE.ids"
done

#!/usr/bin/env bash
# fastText inference speed: Kiln's pure-Java reader (kiln.filters.model.FastTextModel) next to the native
# `fasttext predict` on the same file, same model, same run; one prediction per line, one thread each.
# Models are trained here (into /tmp) with the fastText binary:
#   quality  DCLM-style: 2 labels (Gutenberg book lines vs nlp-corpus sentences), word bigrams, dim 64, 1M buckets
#   lid      lid.176-style: 8 Leipzig languages, char 2-4-grams, dim 16, 200k buckets
#   quality-ftz  the quality model quantized (fasttext quantize -qnorm -cutoff 100000)
# Corpus: the Gutenberg books in $KILN_SHARED/data/books/gutenberg, one line per text line (~17 MB).
# Both sides exclude model loading and include reading the file, splitting lines and writing one label per line
# (to /dev/null; Kiln to a null stream). Native time = median of ROUNDS runs of `fasttext predict MODEL corpus 1`
# minus the median of ROUNDS runs on an empty file (the load), as wall time, CPU time (user + sys of the process,
# from bash's `time`) and user time alone (the binary flushes stdout after every line, one write(2) each, which
# is sys time that is not inference; the ratio against user time only is the conservative one). Kiln checks every
# line's label against the binary's before timing (which also warms up the JIT), then reports the medians of
# ROUNDS passes: wall time, the whole JVM's CPU time (user + sys of all threads, GC and JIT included) and its
# main thread's CPU time. On a shared machine the CPU rates are the per-core comparison; the load average is
# printed before and after each model.
# Needs: Debian package fasttext, python3.
# Usage: bench/fasttext.sh [ROUNDS]   (ROUNDS defaults to 3)
. "$(dirname "$0")/lib.sh"
ROUNDS=${1:-3}
command -v fasttext >/dev/null || { echo "fasttext not found: apt-get install -y fasttext" >&2; exit 1; }
WORK=${TMPDIR:-/tmp}/kiln-bench-fasttext
mkdir -p "$WORK"
python3 - "$KILN_SHARED/data" "$WORK" <<'PY'
import json, pathlib, sys
data, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
books = []
for p in sorted((data / "books/gutenberg").glob("*.txt")):
    books += p.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").split("\n")
(work / "corpus.txt").write_text("\n".join(books) + "\n", encoding="utf-8")
misc = []
for i in range(100):
    p = data / f"quality/nlp-corpus/doc-{i}.json"
    if p.exists():
        misc += [s.replace("\n", " ").strip() for s in json.loads(p.read_text(encoding="utf-8"))]
good = [l.strip() for l in books if len(l.strip()) >= 30]
with open(work / "quality-train.txt", "w", encoding="utf-8") as f:
    for i in range(min(len(good), len(misc), 60000)):
        f.write("__label__hq " + good[i * len(good) // 60000] + "\n")
        f.write("__label__cc " + misc[i] + "\n")
with open(work / "lid-train.txt", "w", encoding="utf-8") as f:
    sent = data / "multilingual/lingua-leipzig-testdata/sentences"
    for lang in ["en", "de", "fr", "es", "it", "nl", "ru", "zh"]:
        for l in (sent / f"{lang}.txt").read_text(encoding="utf-8").split("\n")[:1000]:
            if l.strip():
                f.write(f"__label__{lang} {l}\n")
PY
: > "$WORK/empty.txt"
echo "corpus: $(wc -c < "$WORK/corpus.txt") bytes, $(wc -l < "$WORK/corpus.txt") lines" >&2
[ -f "$WORK/quality.bin" ] || fasttext supervised -input "$WORK/quality-train.txt" -output "$WORK/quality" \
  -wordNgrams 2 -dim 64 -bucket 1000000 -epoch 3 -lr 0.5 -thread 1 -verbose 0
[ -f "$WORK/quality.ftz" ] || fasttext quantize -input "$WORK/quality-train.txt" -output "$WORK/quality" \
  -qnorm -cutoff 100000 -thread 1 -verbose 0
[ -f "$WORK/lid.bin" ] || fasttext supervised -input "$WORK/lid-train.txt" -output "$WORK/lid" \
  -minn 2 -maxn 4 -dim 16 -bucket 200000 -epoch 10 -thread 1 -verbose 0

median_of() { # "wall cpu user": median wall, user+sys and user seconds of ROUNDS runs of "$@"
  local runs=""
  for _ in $(seq "$ROUNDS"); do
    runs="$runs $( { TIMEFORMAT='%R,%U,%S'; time "$@" > /dev/null; } 2>&1 )"
  done
  python3 - $runs <<'PY'
import statistics, sys
r = [tuple(map(float, a.split(","))) for a in sys.argv[1:]]
print(*(f"{statistics.median(x):.3f}" for x in zip(*[(w, u + s, u) for w, u, s in r])))
PY
}
CP=$(kiln_classpath filters) # compiled once, before any timing
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for NAME in quality quality-ftz lid; do
  MODEL="$WORK/${NAME%-ftz}.bin"; [ "$NAME" = quality-ftz ] && MODEL="$WORK/quality.ftz"
  read -r load loadcpu loaduser <<< "$(median_of fasttext predict "$MODEL" "$WORK/empty.txt" 1)"
  read -r full fullcpu fulluser <<< "$(median_of fasttext predict "$MODEL" "$WORK/corpus.txt" 1)"
  native=$(python3 -c "print(f'{max($full - $load, 1e-3):.3f}')")
  nativecpu=$(python3 -c "print(f'{max($fullcpu - $loadcpu, 1e-3):.3f}')")
  nativeuser=$(python3 -c "print(f'{max($fulluser - $loaduser, 1e-3):.3f}')")
  echo "$NAME: fasttext predict, median of $ROUNDS: ${full}s wall, ${fullcpu}s CPU (${fulluser}s user);" \
    "loading ${load}s wall, ${loadcpu}s CPU (${loaduser}s user); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  fasttext predict "$MODEL" "$WORK/corpus.txt" 1 > "$WORK/$NAME.expected"
  java $SPARK_JVM_FLAGS $KILN_GC_FLAGS -Xmx4g -cp "$CP" kiln.filters.bench.FastTextBench "$NAME" "$MODEL" "$WORK/corpus.txt" \
    "$WORK/$NAME.expected" "$native" "$nativecpu" "$nativeuser" "$ROUNDS"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

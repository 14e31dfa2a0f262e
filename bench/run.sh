#!/usr/bin/env bash
# Kiln benchmarks. With no argument: times `bin/kiln demo` end to end and prints one line per stage
# (stage, docs, MB, seconds, MB/s), then runs every stage benchmark (bench/<stage>.sh).
#   bench/run.sh            demo timing + all stage benchmarks
#   bench/run.sh demo       demo timing only
#   bench/run.sh filters    one stage benchmark (any bench/<name>.sh)
# Numbers depend on the machine and its load; each script says what it measures.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

demo() {
  local out
  out=$(mktemp -d /tmp/kiln-bench-demo.XXXXXX)
  "$ROOT/bin/kiln" --version >/dev/null   # build outside the timing
  local t0 t1
  t0=$(date +%s.%N)
  "$ROOT/bin/kiln" demo --out "$out" >"$out.log" 2>&1 || { cat "$out.log"; exit 1; }
  t1=$(date +%s.%N)
  python3 - "$out" "$t0" "$t1" <<'PY'
import json, os, sys
out, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
run = json.load(open(os.path.join(out, "_run.json")))
print(f"{'stage':<10} {'docs':>8} {'MB':>8} {'seconds':>8} {'MB/s':>8}")
for s in run["stages"]:
    st = json.load(open(os.path.join(out, s.get("folder", s["name"]), "_stats.json")))
    mb = st["bytes_in"] / 1e6
    sec = st["wall_seconds"]
    print(f"{s['name']:<10} {st['docs_in']:>8} {mb:>8.2f} {sec:>8.1f} {mb / sec if sec else 0:>8.2f}")
    print(f"BENCH demo_{s['name']} docs={st['docs_in']} mb={mb:.3f} seconds={sec:.2f} mb_per_s={mb / sec if sec else 0:.3f}")
print(f"BENCH demo_total seconds={t1 - t0:.1f} (bin/kiln demo, JVM and Spark start-up included)")
PY
  rm -rf "$out" "$out.log"
}

case "${1:-all}" in
  demo) demo ;;
  all)
    demo
    for s in "$HERE"/*.sh; do
      case "$(basename "$s")" in run.sh|lib.sh) continue ;; esac
      echo "== $(basename "$s")"
      bash "$s" || echo "BENCH $(basename "$s" .sh) FAILED"
    done ;;
  *) bash "$HERE/$1.sh" ;;
esac

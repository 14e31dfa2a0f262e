#!/usr/bin/env bash
# Kiln benchmarks. With no argument: times `bin/kiln demo` end to end and prints one line per stage
# (stage, docs, MB, seconds, MB/s), then runs every stage benchmark (bench/<stage>.sh).
#   bench/run.sh            demo timing + all stage benchmarks, then one summary table of every BENCH line:
#                           stage, MB per CPU-second (per core; "-" where the benchmark reports wall time only),
#                           MB/s as reported, the wall speed-up of two threads over one (threads=2 rows), and
#                           the anchor (native or peer tool) when the benchmark measured one
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

# summary LOG: one row per BENCH line of LOG. The per-core column is mb_per_cpu_s (thread CPU time), which a
# loaded machine inflates less than wall time; anchor columns are any key naming a native or peer tool.
summary() {
  python3 - "$1" <<'PY'
import re, sys
rows = []
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if not line.startswith("BENCH "):
        continue
    parts = line.split()
    kv = dict(p.split("=", 1) for p in parts[2:] if "=" in p and not p.startswith("reasons="))
    stage = parts[1] + "".join(f" {k}={kv[k]}" for k in ("compat", "threads", "model") if k in kv)
    anchors = ", ".join(f"{k}={v}" for k, v in kv.items()
                        if re.search(r"anchor|native|spm_encode|zcat|fasttext|datatrove", k))
    rows.append((stage, kv.get("mb_per_cpu_s", "-"), kv.get("mb_per_s", "-"), kv.get("wall_speedup", "-"),
                 anchors or "-"))
print()
print(f"{'stage':<48} {'MB/s per core':>14} {'MB/s':>10} {'2-thread x':>10}  anchor")
for r in rows:
    print(f"{r[0]:<48} {r[1]:>14} {r[2]:>10} {r[3]:>10}  {r[4]}")
PY
}

case "${1:-all}" in
  demo) demo ;;
  all)
    log=$(mktemp /tmp/kiln-bench-all.XXXXXX)
    demo | tee -a "$log"
    for s in "$HERE"/*.sh; do
      case "$(basename "$s")" in run.sh|lib.sh|langid-features.sh) continue ;; esac  # langid-features: an analysis dump, not a benchmark
      echo "== $(basename "$s")"
      # two-thread runs where a script has them (the table's threads=2 rows and their wall_speedup)
      case "$(basename "$s")" in
        filters.sh) args=(chain 5 threads2) ;;
        pii.sh) args=(5 threads2) ;;
        *) args=() ;;
      esac
      { bash "$s" "${args[@]}" || echo "BENCH $(basename "$s" .sh) FAILED"; } | tee -a "$log"
    done
    summary "$log"
    rm -f "$log" ;;
  *) bash "$HERE/$1.sh" ;;
esac

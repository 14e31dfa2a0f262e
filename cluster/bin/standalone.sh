#!/usr/bin/env bash
# A Spark standalone cluster on 127.0.0.1 from the Maven jars alone (no Spark tarball):
#   cluster/bin/standalone.sh start [N]   master + N workers (default 2), 1 core / 1g each
#   cluster/bin/standalone.sh stop        kills the daemons this script started (by their pid files)
#   cluster/bin/standalone.sh status      pids and the master URL
# Workers build executor command lines with Spark's launcher, which needs $SPARK_HOME/jars and
# SPARK_SCALA_VERSION; we make a SPARK_HOME whose jars/ links every jar of jobs/target/spark.cp.
# Environment: KILN_CLUSTER_DIR (state: pids, logs, work dirs; default cluster/target/standalone),
#   KILN_MASTER_PORT (default 7077), KILN_WORKER_CORES (1), KILN_WORKER_MEMORY (1g).
set -euo pipefail
KILN_HOME=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
STATE=${KILN_CLUSTER_DIR:-$KILN_HOME/cluster/target/standalone}
PORT=${KILN_MASTER_PORT:-7077}
export SPARK_HOME=${SPARK_HOME:-$KILN_HOME/cluster/target/sparkhome}
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
CP_FILE=$KILN_HOME/jobs/target/spark.cp
FLAGS=$(sed "s/--add-modules=jdk.incubator.vector//" "$KILN_HOME/conf/spark-jvm-flags")

sparkhome() {
  if [ ! -d "$SPARK_HOME/jars" ] || [ "$CP_FILE" -nt "$SPARK_HOME/jars" ]; then
    [ -f "$CP_FILE" ] || { echo "standalone: $CP_FILE missing; run: mvn -B -DskipTests package" >&2; exit 1; }
    rm -rf "$SPARK_HOME/jars"
    mkdir -p "$SPARK_HOME/jars"
    tr ":" "\n" < "$CP_FILE" | grep "\.jar$" | grep -v "^$KILN_HOME/" | while read -r j; do ln -sf "$j" "$SPARK_HOME/jars/"; done
  fi
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # FILE PATTERN SECONDS
  for _ in $(seq 1 $(( $3 * 5 ))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "standalone: timed out waiting for '$2' in $1" >&2
  tail -20 "$1" >&2 || true
  return 1
}

start() {
  local n=${1:-2}
  sparkhome
  mkdir -p "$STATE/logs"
  if alive "$STATE/master.pid"; then echo "standalone: already running (pid $(cat "$STATE/master.pid"))" >&2; exit 1; fi
  # shellcheck disable=SC2086
  nohup java $FLAGS -Xmx256m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$PORT" --webui-port 0 > "$STATE/logs/master.log" 2>&1 &
  echo $! > "$STATE/master.pid"
  wait_for "$STATE/logs/master.log" "I have been elected leader" 60
  for i in $(seq 1 "$n"); do
    mkdir -p "$STATE/work$i"
    # shellcheck disable=SC2086
    nohup java $FLAGS -Xmx256m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "${KILN_WORKER_CORES:-1}" --memory "${KILN_WORKER_MEMORY:-1g}" --webui-port 0 \
      --work-dir "$STATE/work$i" "spark://127.0.0.1:$PORT" > "$STATE/logs/worker$i.log" 2>&1 &
    echo $! > "$STATE/worker$i.pid"
  done
  for i in $(seq 1 "$n"); do
    wait_for "$STATE/logs/worker$i.log" "Successfully registered with master" 60
  done
  echo "spark://127.0.0.1:$PORT"
}

stop() {
  for f in "$STATE"/worker*.pid "$STATE"/master.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then kill "$(cat "$f")" 2>/dev/null || true; fi
    rm -f "$f"
  done
}

status() {
  for f in "$STATE"/master.pid "$STATE"/worker*.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then s=running; else s=dead; fi
    echo "$(basename "$f" .pid) pid $(cat "$f") $s"
  done
  echo "spark://127.0.0.1:$PORT"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  sparkhome) sparkhome; echo "$SPARK_HOME" ;;
  *) echo "usage: $0 start [N] | stop | status | sparkhome" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Shared helpers for bench/*.sh. Source it: `. "$(dirname "$0")/lib.sh"`.
# Benchmarks run from compiled classes (test classes included), so no install step is needed.
set -euo pipefail
KILN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export KILN_SHARED=${KILN_SHARED:-$KILN_ROOT/../shared}
export SPARK_LOCAL_IP=127.0.0.1
SPARK_JVM_FLAGS=$(cat "$KILN_ROOT/conf/spark-jvm-flags")
# The collector bin/kiln and cluster/bin/submit.sh run Kiln with, so benchmarks measure what users run.
KILN_GC_FLAGS=-XX:+UseParallelGC

# kiln_classpath MODULE: compiles MODULE (and what it needs) with test classes and prints a classpath
# holding its classes, test classes, reactor siblings and all dependencies (Spark included).
kiln_classpath() {
  local module=$1
  # One invocation, so reactor siblings resolve to their target/classes without an install.
  (cd "$KILN_ROOT" && mvn -B -q -pl "$module" -am test-compile dependency:build-classpath -DskipTests \
      -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >&2)
  local cp="$KILN_ROOT/$module/target/classes:$KILN_ROOT/$module/target/test-classes"
  for m in core filters dedup tokenize mixtures jobs; do
    cp="$cp:$KILN_ROOT/$m/target/classes"
  done
  echo "$cp:$(cat "$KILN_ROOT/$module/target/bench.cp")"
}

# kiln_java MODULE MAIN ARGS...: runs a main class of MODULE with Spark's JVM flags.
kiln_java() {
  local module=$1 main=$2
  shift 2
  local cp
  cp=$(kiln_classpath "$module")
  java $SPARK_JVM_FLAGS $KILN_GC_FLAGS -Xmx4g -cp "$cp" "$main" "$@"
}

# Every benchmark prints result lines in one format so bench/run.sh can tabulate them:
#   BENCH <stage> docs=<n> mb=<MB> seconds=<s> mb_per_s=<x> [key=value ...]

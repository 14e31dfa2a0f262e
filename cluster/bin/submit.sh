#!/usr/bin/env bash
# spark-submit for Kiln from the Maven jars alone (SparkSubmit on $SPARK_HOME/jars, see standalone.sh):
#   cluster/bin/submit.sh --master spark://127.0.0.1:7077 [spark-submit options] -- run pipeline.yaml --out DIR
# Everything before `--` goes to spark-submit, everything after it to kiln.jobs.cli.KilnCli.
#   KILN_DRIVER_OPTS  driver JVM options (default -Xmx1g); KILN_LOG4J  driver log4j2 config (default
#   cluster/conf/log4j2.properties, warnings only). Executors run with Spark's flags and -XX:+UseParallelGC (as
#   bin/kiln; a later --conf spark.executor.extraJavaOptions=... replaces both).
# With a real Spark installation use its own bin/spark-submit instead (docs/cluster.md).
set -euo pipefail
KILN_HOME=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
export SPARK_HOME=${SPARK_HOME:-$KILN_HOME/cluster/target/sparkhome}
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
JAR=$KILN_HOME/jobs/target/kiln.jar
[ -f "$JAR" ] || { echo "submit: $JAR missing; run: mvn -B -DskipTests package" >&2; exit 1; }
"$KILN_HOME/cluster/bin/standalone.sh" sparkhome > /dev/null
SUBMIT=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do SUBMIT+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
FLAGS=$(sed "s/--add-modules=jdk.incubator.vector//" "$KILN_HOME/conf/spark-jvm-flags")
LOG4J=${KILN_LOG4J:-$KILN_HOME/cluster/conf/log4j2.properties}
# shellcheck disable=SC2086
exec java $FLAGS ${KILN_DRIVER_OPTS:--Xmx1g} "-Dlog4j2.configurationFile=$LOG4J" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
  --conf spark.driver.host=127.0.0.1 --conf "spark.executor.extraJavaOptions=$FLAGS -XX:+UseParallelGC" \
  "${SUBMIT[@]}" --class kiln.jobs.cli.KilnCli "$JAR" "$@"

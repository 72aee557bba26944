#!/usr/bin/env bash
# Runs the fat jar on a real Spark standalone cluster on this machine: a master and $WORKERS workers
# (1 core, 2 GB each) on the loopback address, built from Spark's own jars in the local Maven
# repository (no Spark download), then spark-submit in client mode, then everything is stopped.
# Each executor is its own JVM, so this checks what local mode cannot: the model travels with the
# job (inside the jar, or $ARCHIVES such as /tmp/bundle.zip#bundle with --model bundle) and is
# loaded once per executor. Usage:
#   WORKERS=2 [ARCHIVES=zip#name] spark/standalone-check.sh <input> --out <dir> [job options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workers="${WORKERS:-2}"
home="$(mktemp -d /tmp/deepfer-standalone.XXXXXX)"
spark_version="$(sed -n "s:.*<spark.version>\(.*\)</spark.version>.*:\1:p" "$root/pom.xml")"

(cd "$root" && nice -n 10 mvn -q -B -DskipTests -pl spark -am package >&2)
# SPARK_HOME/jars = spark-sql and its dependencies, exactly as a distribution has them
mkdir -p "$home/jars" "$home/conf"
cat > "$home/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>spark-home</artifactId><version>1</version>
<dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId>
<version>$spark_version</version></dependency></dependencies></project>
EOF
(cd "$home" && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$home/cp.txt" >&2)
tr ':' '\n' < "$home/cp.txt" | xargs -I{} ln -s {} "$home/jars/"
cp "$root/spark/log4j2-local.properties" "$home/conf/log4j2.properties"

export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
mapfile -t opens < "$root/spark/jvm-add-opens.args"
cp_spark="$home/conf:$home/jars/*"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
java -Xmx256m "${opens[@]}" -cp "$cp_spark" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 17077 --webui-port 18089 > "$home/master.log" 2>&1 &
pids+=($!)
sleep 5
for i in $(seq 1 "$workers"); do
  java -Xmx256m "${opens[@]}" -cp "$cp_spark" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:17077 \
    --cores 1 --memory 2g --host 127.0.0.1 --webui-port $((18090 + i)) --work-dir "$home/work$i" \
    > "$home/worker$i.log" 2>&1 &
  pids+=($!)
done
sleep 10
archives=()
[ -n "${ARCHIVES:-}" ] && archives=(--archives "$ARCHIVES")
java -Xmx1g "${opens[@]}" -cp "$cp_spark" org.apache.spark.deploy.SparkSubmit \
  --master spark://127.0.0.1:17077 --deploy-mode client --class dev.deepfer.spark.SparkMain \
  --executor-memory 1500m --executor-cores 1 --total-executor-cores "$workers" \
  --conf spark.executor.memoryOverhead=1g "${archives[@]}" \
  "$root/spark/target/deepfer-spark.jar" "$@"
echo "executor model loads (one per executor JVM):" >&2
grep -h "loaded model" "$home"/work*/app-*/*/stderr >&2 || true

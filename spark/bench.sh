#!/usr/bin/env bash
# Spark job throughput against `deepfer predict` on the same folder (docs/SPARK.md, "Benchmark"):
# 2,000 FER2013 PrivateTest faces padded into 320x240 JPEGs (BenchImages), the job in local mode
# with 1 and 2 cores, and predict in one JVM. Each command is timed whole; a run on a one-image
# folder gives the fixed start-up cost (JVM, Spark session, model load) that the images/s exclude.
# CPU seconds per image (user + system, start-up run subtracted) are reported too: on a machine
# shared with other jobs they move far less than wall time, and 1 / (CPU s per image) is what one
# fully available core would deliver.
# Usage: [nice -n 10] spark/bench.sh [work-dir]   (COUNT=2000 by default; needs ../shared/datasets/fer2013)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/deepfer-spark-bench}"
count="${COUNT:-2000}"
images="$work/faces-320x240-$count"
one="$work/one-image"
heap="${BENCH_HEAP:--Xmx4g}"

(cd "$root" && nice -n 10 mvn -q -B -DskipTests -Dshade.skip=true -pl cli,spark -am package >&2)
spark_cp="$root/spark/target/deepfer-spark-0.1.0-SNAPSHOT.jar:$root/spark/target/lib/*"
cli_cp="$root/cli/target/deepfer-cli-0.1.0-SNAPSHOT.jar:$root/cli/target/lib/*"
common=(-Dai.djl.offline=true -Djava.awt.headless=true)
export SPARK_LOCAL_IP=127.0.0.1

if [ ! -d "$images" ]; then
  java "$heap" "${common[@]}" -cp "$spark_cp" dev.deepfer.spark.BenchImages --out "$images" --count "$count"
fi
mkdir -p "$one" && cp "$(ls "$images"/*.jpg | head -1)" "$one/"

# run <label> <command…>: wall seconds and peak RSS of the whole command, stdout kept in $work/<label>.out
run() {
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$label.time" "$@" > "$work/$label.out" 2> "$work/$label.err"
  read -r wall user sys rss < "$work/$label.time"
  printf '%-18s wall %7.1f s  CPU %7.1f s  peak RSS %5d MB  (load %s)\n' "$label" "$wall" \
    "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$(cut -d' ' -f1 /proc/loadavg)"
}
spark_job=(java "$heap" @"$root/spark/jvm-add-opens.args" "${common[@]}"
  -Dlog4j2.configurationFile="$root/spark/log4j2-local.properties" -cp "$spark_cp" dev.deepfer.spark.SparkMain --format json)
predict=(java "$heap" "${common[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cli_cp"
  dev.deepfer.cli.Main predict)

echo "date $(date -u +%F) commit $(git -C "$root" rev-parse --short=12 HEAD) cores $(nproc)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); training JVMs running: $(pgrep -fc 'dev.deepfer.cli.Main train' || true)"
run spark-1img-local2 "${spark_job[@]}" "$one" --out "$work/out-one" --master 'local[2]'
run predict-1img "${predict[@]}" "$one" --json
run spark-local1 "${spark_job[@]}" "$images" --out "$work/out-local1" --master 'local[1]'
run predict "${predict[@]}" "$images" --json
run spark-local2 "${spark_job[@]}" "$images" --out "$work/out-local2" --master 'local[2]'
# predict with one PyTorch thread, as each Spark task has: separates Spark's cost from threading's
run predict-1thread java "$heap" -Dai.djl.pytorch.num_threads=1 "${predict[@]:2}" "$images" --json
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work" "$count" <<'EOF'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
times = lambda label: [float(x) for x in open(f"{work}/{label}.time").read().split()]
wall = lambda label: times(label)[0]
cpu = lambda label: times(label)[1] + times(label)[2]
summary = lambda label: json.loads(open(f"{work}/{label}.out").read().strip().splitlines()[-1])
faces_predict = sum(len(json.loads(l)["faces"]) for l in open(f"{work}/predict.out"))
def steady(label, start):
    return n / (wall(label) - wall(start)), (cpu(label) - cpu(start)) / n
table = {}
print(f"\n{'run':16} {'job img/s':>9} {'img/s (wall - start-up)':>24} {'CPU ms/img':>10} {'faces':>6} {'failed':>6}")
for label in ("spark-local1", "spark-local2", "predict", "predict-1thread"):
    spark = label.startswith("spark")
    rate, cpu_per = steady(label, "spark-1img-local2" if spark else "predict-1img")
    table[label] = rate
    s = summary(label) if spark else None
    job = f"{s['images_per_second']:9.1f}" if spark else f"{'':9}"
    faces = s["faces"] if spark else faces_predict if label == "predict" else sum(
        len(json.loads(l)["faces"]) for l in open(f"{work}/{label}.out"))
    failed = s["failed"] if spark else 0
    print(f"{label:16} {job} {rate:24.1f} {cpu_per * 1000:10.0f} {faces:6d} {failed:6d}")
# cross-check: the Spark rows against predict --json, image by image
import glob, os
spark_rows = {}
for f in glob.glob(f"{work}/out-local2/*.json"):
    for line in open(f):
        r = json.loads(line)
        spark_rows.setdefault(os.path.basename(r["path"]), []).append(r)
labels = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]
bad, worst = 0, 0.0
for line in open(f"{work}/predict.out"):
    p = json.loads(line)
    got = sorted((r for r in spark_rows.get(os.path.basename(p["image"]), []) if r["face_index"] is not None),
                 key=lambda r: r["face_index"])
    ok = len(got) == len(p["faces"])
    for r, face in zip(got, p["faces"]):
        b = face["box"]
        ok &= all(abs(r["box_" + k] - b[k]) <= 1 for k in ("x", "y", "width", "height"))
        ok &= r["emotion"] == face["emotion"]
        diff = max(abs(r["prob_" + k] - face["probabilities"][k]) for k in labels)
        worst = max(worst, diff)
        ok &= diff <= 1e-4
    bad += not ok
print(f"local[2] rows vs predict --json: {len(spark_rows)} images, {bad} differ "
      f"(face count, box > 1 px, top emotion or probability > 1e-4); largest probability difference {worst:.2e}")
print(f"spark local[1] / predict: {table['spark-local1'] / table['predict']:.2f}; local[1] / predict with 1 thread: "
      f"{table['spark-local1'] / table['predict-1thread']:.2f}; local[2] / local[1]: "
      f"{table['spark-local2'] / table['spark-local1']:.2f}")
EOF

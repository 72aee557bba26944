#!/usr/bin/env bash
# A/B throughput of two builds of deepfer, interleaved run by run (`bench train`, 20 timed steps each).
#   tools/bench_ab.sh OLD_DIR NEW_DIR [arch=resnet50] [runs=4]
# A build dir holds deepfer-cli-*.jar and lib/ (e.g. a copy of cli/target made before a change).
# PAUSE_PIDS="pid ..." stops those processes (e.g. a training job) meanwhile.
set -euo pipefail
old=${1:?usage: bench_ab.sh OLD_DIR NEW_DIR [ARCH] [RUNS]}; new=${2:?}; arch=${3:-resnet50}; runs=${4:-4}
[ -n "${PAUSE_PIDS:-}" ] && kill -STOP $PAUSE_PIDS && trap 'kill -CONT $PAUSE_PIDS' EXIT
bench() {
  java -Xmx8g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$1/deepfer-cli-0.1.0-SNAPSHOT.jar:$1/lib/*" dev.deepfer.cli.Main bench train --arch "$arch" --steps 20 2>/dev/null \
    | python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print(d['train_images_per_s'], d['infer_images_per_s'])"
}
for i in $(seq "$runs"); do
  echo "old $(bench "$old")"
  echo "new $(bench "$new")"
done

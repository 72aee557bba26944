#!/usr/bin/env bash
# Bundle a finished training run as a member and measure it, the way every bundled member was made:
#   tools/finish_member.sh RUN_DIR NAME OUT_DIR
# 1. `deepfer bundle` of the best epoch in float32 (OUT_DIR-fp32) and float16 (OUT_DIR);
# 2. both evaluated on PublicTest (the fp16 check: the issue allows at most 0.1 point of loss);
# 3. the fp16 bundle evaluated on PrivateTest without TTA and with ten-crop.
# Every result is recorded in the bundle's manifest (`evaluate --record`) and printed as one line.
# DEEPFER (default: ./deepfer of this checkout) runs the CLI, e.g. a frozen copy of the jars.
set -euo pipefail
run=${1:?usage: finish_member.sh RUN_DIR NAME OUT_DIR}; name=${2:?}; out=${3:?}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deepfer=${DEEPFER:-$root/deepfer}
[ -f "$run/best.params" ] || { echo "finish_member: $run has no best.params (not a finished run?)" >&2; exit 2; }

accuracy() {  # bundle split tta -> "accuracy macro_f1" in percent
  "$deepfer" evaluate --model "$1" --split "$2" --tta "$3" --record --json \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.2f %.2f" % (100*r["accuracy"], 100*r["macro_f1"]))'
}

"$deepfer" bundle --run "$run" --name "$name" --out "$out-fp32"
"$deepfer" bundle --run "$run" --name "$name" --out "$out" --fp16
fp32=$(accuracy "$out-fp32" PublicTest none)
fp16=$(accuracy "$out" PublicTest none)
echo "$name PublicTest fp32 ${fp32% *} fp16 ${fp16% *} (fp16 - fp32: $(python3 -c "print(round(${fp16% *} - ${fp32% *}, 2))"))"
echo "$name PrivateTest accuracy / macro-F1: $(accuracy "$out" PrivateTest none | tr ' ' /)"
echo "$name PrivateTest ten-crop accuracy / macro-F1: $(accuracy "$out" PrivateTest ten-crop | tr ' ' /)"

#!/usr/bin/env bash
# deepfer vs PyTorch-in-Python training and inference throughput, interleaved run by run so that the
# VM's drift hits both alike; prints every run, then the medians and the ratios (deepfer / Python).
#   tools/bench_vs_python.sh resnet50 [runs=5]        (efficientnet-b3 / resnet18 likewise)
# Needs Debian's python3-torch + python3-torchvision and ../shared/bench/torch_reference.py
# (or DEEPFER_SHARED). PAUSE_PIDS="pid ..." stops those processes (e.g. a training job) meanwhile.
set -euo pipefail
arch=${1:?usage: bench_vs_python.sh ARCH [RUNS]}; runs=${2:-5}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${DEEPFER_SHARED:-$root/../shared}"
pyarch=${arch//-/_}
[ -n "${PAUSE_PIDS:-}" ] && kill -STOP $PAUSE_PIDS && trap 'kill -CONT $PAUSE_PIDS' EXIT
field() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print(d['$1'])"; }
declare -a dt di pt pi
for i in $(seq "$runs"); do
  out=$("$root/deepfer" bench train --arch "$arch" --steps 20 2>/dev/null)
  dt+=("$(field train_images_per_s <<<"$out")"); di+=("$(field infer_images_per_s <<<"$out")")
  pt+=("$(/usr/bin/python3 "$shared/bench/torch_reference.py" --arch "$pyarch" --mode train --steps 20 | field images_per_s)")
  pi+=("$(/usr/bin/python3 "$shared/bench/torch_reference.py" --arch "$pyarch" --mode infer --steps 20 | field images_per_s)")
  echo "run $i: deepfer train ${dt[-1]} infer ${di[-1]} | python train ${pt[-1]} infer ${pi[-1]} (img/s)"
done
python3 - "${dt[*]}" "${di[*]}" "${pt[*]}" "${pi[*]}" "$arch" <<'PY'
import statistics as s, sys
dt, di, pt, pi = ([float(x) for x in a.split()] for a in sys.argv[1:5])
m = s.median
print(f"{sys.argv[5]}: median train {m(dt):.1f} vs {m(pt):.1f} img/s (ratio {m(dt)/m(pt):.2f}), "
      f"infer {m(di):.1f} vs {m(pi):.1f} img/s (ratio {m(di)/m(pi):.2f}), {len(dt)} interleaved runs")
PY

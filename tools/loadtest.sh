#!/usr/bin/env bash
# Load benchmark of `deepfer serve` on this machine (loopback only; docs/RESULTS.md, server section).
# Starts a server on a free port with the bundled default model (or $1), then:
#   1. photo mode: 2,000 recognize requests at concurrency 8 with ../shared/samples/angry_man.jpg
#   2. live mode: 500 frames at concurrency 1 (the web UI's loop: one frame in flight), the photo
#      downscaled to 320 px wide as the UI sends it
# and prints one JSON line per run (latency percentiles, throughput, server RSS before/after).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:-$root/models/default}"
shared="${DEEPFER_SHARED:-$root/../shared}"
photo="$shared/samples/angry_man.jpg"
[ -f "$photo" ] || { echo "loadtest: $photo not found (set DEEPFER_SHARED)" >&2; exit 2; }
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$root/deepfer" serve --port "$port" --model "$model" > /tmp/deepfer-loadtest-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" > /dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health" > /dev/null || { echo "loadtest: server did not get ready" >&2; exit 1; }
url="http://127.0.0.1:$port/"
echo "# photo mode, 2000 requests, concurrency 8"
"$root/deepfer" bench load --url "$url" --image "$photo" --requests "${REQUESTS:-2000}" --concurrency 8
echo "# live mode, 320 px frames, one in flight"
"$root/deepfer" bench load --url "$url" --image "$photo" --requests "${FRAMES:-500}" --concurrency 1 \
  --mode live --width 320 --warmup 20
echo "# same frames with the photo-mode detector, for comparison"
"$root/deepfer" bench load --url "$url" --image "$photo" --requests "${FRAMES:-500}" --concurrency 1 \
  --mode photo --width 320 --warmup 20

#!/usr/bin/env bash
# A real Prometheus scrapes a running bridge: starts `primero-bridge demo --keep-running` (simulators and every
# stage in one process, /metrics on a free port), starts Prometheus (Debian package, installed if missing) with a
# temporary config (scrape_interval 1s) and storage, and queries its HTTP API until the expected series exist.
# Exit 0 when all are there, 1 otherwise. Cleans up the processes it started. Usage: bash scripts/prometheus-scrape-check.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TIMEOUT_S="${SCRAPE_CHECK_TIMEOUT_S:-40}"
EXPECTED=(
  'up{job="primero-bridge"} == 1'
  'primero_bridge_records_processed_total'
  'primero_bridge_ready'
  'nodejs_eventloop_lag_seconds'
  'process_resident_memory_bytes'
)

log() { echo "scrape-check: $*" >&2; }
WORK="$(mktemp -d -t primero-bridge-scrape.XXXXXX)"
APP_PID=""; PROM_PID=""
cleanup() {
  for pid in "$PROM_PID" "$APP_PID"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "$PROM_PID" "$APP_PID"; do
    [ -n "$pid" ] && { timeout 15 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v prometheus > /dev/null; then
  log "installing Prometheus (Debian package)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus > /dev/null
fi
free_port() { scripts/node.sh node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

bash scripts/stack.sh up
eval "$(bash scripts/stack.sh env)"
START=$SECONDS
APP_PORT="$(free_port)"; PROM_PORT="$(free_port)"
HTTP_PORT="$APP_PORT" scripts/node.sh node bin/primero-bridge.js demo --keep-running > "$WORK/bridge.out" 2>&1 &
APP_PID=$!
# /metrics answers once the demo started; wait until a stage processed a record (a labelled series exists).
until curl -fsS -m 2 "http://127.0.0.1:$APP_PORT/metrics" 2>/dev/null | grep -q '^primero_bridge_records_processed_total{'; do
  kill -0 "$APP_PID" 2>/dev/null || { log "the bridge exited early:"; cat "$WORK/bridge.out" >&2; exit 1; }
  [ $((SECONDS - START)) -lt "$TIMEOUT_S" ] || { log "the bridge did not come up:"; cat "$WORK/bridge.out" >&2; exit 1; }
  sleep 0.3
done
log "bridge serving http://127.0.0.1:$APP_PORT/metrics"

cat > "$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: primero-bridge
    static_configs:
      - targets: ['127.0.0.1:$APP_PORT']
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" > "$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
log "prometheus on http://127.0.0.1:$PROM_PORT (pid $PROM_PID)"

missing=("${EXPECTED[@]}")
while [ ${#missing[@]} -gt 0 ] && [ $((SECONDS - START)) -lt "$TIMEOUT_S" ]; do
  still=()
  for expr in "${missing[@]}"; do
    answer="$(curl -fsS -m 2 --get "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$expr" 2>/dev/null || true)"
    if [[ "$answer" == *'"status":"success"'* && "$answer" == *'"result":[{'* ]]; then log "found: $expr"; else still+=("$expr"); fi
  done
  missing=(${still[@]+"${still[@]}"})
  [ ${#missing[@]} -gt 0 ] && sleep 0.5
done
if [ ${#missing[@]} -gt 0 ]; then
  log "FAILED after $((SECONDS - START)) s; series missing: ${missing[*]}"
  tail -n 20 "$WORK/prometheus.log" >&2
  exit 1
fi
log "OK: Prometheus scraped every expected series in $((SECONDS - START)) s"

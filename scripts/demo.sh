#!/usr/bin/env bash
# The one-command demo (npm run demo): starts the local Kafka + schema registry (idempotent), then runs
# `primero-bridge demo` — simulators and every stage in one process, Phase 1 and Phase 2, a summary.
#   scripts/node.sh npm run demo [-- --keep-running] [-- --stop-stack]
# Ports: HTTP_PORT, INGRESS_PORT, SIM_PRIMERO_PORT, SIM_MOPH_PORT (free ones by default); KAFKA_PORT, REGISTRY_PORT.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

stop_stack=false
args=()
for a in "$@"; do
  case "$a" in
    --stop-stack) stop_stack=true ;;
    -h|--help)
      echo "usage: npm run demo [-- --keep-running] [-- --stop-stack]"
      echo "  --keep-running  leave the bridge and simulators running after the summary (Ctrl-C stops them)"
      echo "  --stop-stack    stop Kafka and the schema registry afterwards (left running by default)"
      exit 0 ;;
    *) args+=("$a") ;;
  esac
done

echo "demo: starting the local stack (Kafka + Apicurio Registry; first run downloads them with Maven)"
bash scripts/stack.sh up

eval "$(bash scripts/stack.sh env)"

# The demo is one Node process; Ctrl-C reaches it directly and it stops what it started.
status=0
scripts/node.sh node bin/primero-bridge.js demo ${args[@]+"${args[@]}"} || status=$?

if [ "$stop_stack" = true ]; then bash scripts/stack.sh down; fi
exit "$status"

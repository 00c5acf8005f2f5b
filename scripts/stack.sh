#!/usr/bin/env bash
# Local stack without Docker: a single-node KRaft Apache Kafka and an Apicurio Registry (Confluent-compatible API),
# both from Maven Central artifacts fetched once into .cache/, with logs, pids and data under .stack/.
#   scripts/stack.sh up [kafka|registry]      start (idempotent: what is already healthy is left alone)
#   scripts/stack.sh down [kafka|registry]    stop only the processes this script started (by recorded pid)
#   scripts/stack.sh status                   print what is running
#   eval "$(scripts/stack.sh env)"            export KAFKA_BROKERS and SCHEMA_REGISTRY_URL for these ports
#                                             (values already set are kept)
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), REGISTRY_PORT (8081), STACK_DIR (.stack),
#              STACK_CACHE (.cache), KAFKA_VERSION (3.9.1), APICURIO_VERSION (2.6.13.Final), JAVA (java).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
REGISTRY_PORT="${REGISTRY_PORT:-8081}"
STACK_DIR="${STACK_DIR:-$ROOT/.stack}"
CACHE="${STACK_CACHE:-$ROOT/.cache}"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
APICURIO_VERSION="${APICURIO_VERSION:-2.6.13.Final}"
JAVA="${JAVA:-java}"
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
READY_TIMEOUT_S="${STACK_READY_TIMEOUT_S:-120}"

log() { echo "stack: $*" >&2; }
die() { log "$*"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

fail_with_log() { # $1 message, $2 log file
  log "$1"
  if [ -f "$2" ]; then log "last lines of $2:"; tail -n 40 "$2" >&2; fi
  exit 1
}

# ---------- Kafka ----------
kafka_lib() { echo "$CACHE/kafka-$KAFKA_VERSION/lib"; }

fetch_kafka() {
  local lib; lib="$(kafka_lib)"
  [ -f "$lib/.complete" ] && return 0
  log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $lib"
  rm -rf "$lib"; mkdir -p "$lib"
  mvn -B -q -f "$ROOT/infra/kafka/pom.xml" "$DEP_PLUGIN:copy-dependencies" \
    -Dkafka.version="$KAFKA_VERSION" -DincludeScope=runtime -DoutputDirectory="$lib" >&2 \
    || die "mvn could not fetch Kafka $KAFKA_VERSION (see the Maven error above)"
  touch "$lib/.complete"
}

kafka_up() {
  local dir="$STACK_DIR/kafka" pidf="$STACK_DIR/kafka/pid" logf="$STACK_DIR/kafka/kafka.log"
  mkdir -p "$dir"
  if pid_alive "$pidf" && port_open "$KAFKA_PORT"; then log "kafka already running on 127.0.0.1:$KAFKA_PORT (pid $(cat "$pidf"))"; return 0; fi
  if ! pid_alive "$pidf" && port_open "$KAFKA_PORT"; then
    die "port $KAFKA_PORT is taken by a process this script did not start; set KAFKA_PORT to another port"
  fi
  fetch_kafka
  local lib conf data; lib="$(kafka_lib)"; conf="$dir/server.properties"; data="$dir/data"
  mkdir -p "$data"
  sed -e "s#@DATA@#$data#" -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
    "$ROOT/infra/kafka/server.properties" > "$conf"
  local jopts=(-Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true
    -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true
    -Dorg.slf4j.simpleLogger.log.kafka.server.BrokerMetadataPublisher=warn)
  if [ ! -f "$data/meta.properties" ]; then
    local cid; cid="$("$JAVA" -cp "$lib/*" kafka.tools.StorageTool random-uuid)"
    log "formatting kafka storage (cluster id $cid)"
    "$JAVA" "${jopts[@]}" -cp "$lib/*" kafka.tools.StorageTool format -t "$cid" -c "$conf" --ignore-formatted > "$dir/format.log" 2>&1 \
      || fail_with_log "kafka storage format failed" "$dir/format.log"
  fi
  : > "$logf"
  nohup "$JAVA" "${jopts[@]}" -cp "$lib/*" kafka.Kafka "$conf" >> "$logf" 2>&1 < /dev/null &
  echo $! > "$pidf"
  local deadline=$((SECONDS + READY_TIMEOUT_S))
  while [ $SECONDS -lt $deadline ]; do
    if grep -q "Kafka Server started" "$logf" 2>/dev/null && port_open "$KAFKA_PORT"; then
      log "kafka $KAFKA_VERSION ready on 127.0.0.1:$KAFKA_PORT (pid $(cat "$pidf"))"; return 0
    fi
    pid_alive "$pidf" || fail_with_log "kafka exited during start-up" "$logf"
    sleep 0.3
  done
  fail_with_log "kafka not ready after ${READY_TIMEOUT_S}s" "$logf"
}

# ---------- Apicurio Registry ----------
apicurio_dir() { echo "$CACHE/apicurio-$APICURIO_VERSION"; }

fetch_apicurio() {
  local dir dl; dir="$(apicurio_dir)"; dl="$CACHE/downloads"
  [ -f "$dir/.complete" ] && return 0
  log "fetching Apicurio Registry $APICURIO_VERSION from Maven Central into $dir"
  mkdir -p "$dl"
  mvn -B -q "$DEP_PLUGIN:copy" -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" \
    -DoutputDirectory="$dl" >&2 \
    || die "mvn could not fetch io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all (see the Maven error above)"
  rm -rf "$dir"; mkdir -p "$dir"
  tar -xzf "$dl/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz" -C "$dir"
  rm -f "$dl/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz"
  touch "$dir/.complete"
}

registry_ready() { curl -fsS -m 2 "http://127.0.0.1:$REGISTRY_PORT/health/ready" > /dev/null 2>&1; }

registry_up() {
  local dir="$STACK_DIR/registry" pidf="$STACK_DIR/registry/pid" logf="$STACK_DIR/registry/registry.log"
  mkdir -p "$dir"
  if pid_alive "$pidf" && registry_ready; then log "registry already running on 127.0.0.1:$REGISTRY_PORT (pid $(cat "$pidf"))"; return 0; fi
  if ! pid_alive "$pidf" && port_open "$REGISTRY_PORT"; then
    die "port $REGISTRY_PORT is taken by a process this script did not start; set REGISTRY_PORT to another port"
  fi
  fetch_apicurio
  local app jar; app="$(apicurio_dir)"
  jar="$(cd "$app" && ls quarkus-run.jar 2>/dev/null || ls apicurio-registry-app-*-runner.jar 2>/dev/null | head -n1)"
  [ -n "$jar" ] || die "no runnable jar found in $app"
  : > "$logf"
  # started directly (no subshell) so the recorded pid is the JVM itself and `down` stops exactly it
  nohup "$JAVA" -Xms64m -Xmx384m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.quarkus\".level=INFO \
    -jar "$app/$jar" >> "$logf" 2>&1 < /dev/null &
  echo $! > "$pidf"
  local deadline=$((SECONDS + READY_TIMEOUT_S))
  while [ $SECONDS -lt $deadline ]; do
    if registry_ready; then log "apicurio registry $APICURIO_VERSION ready on http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7 (pid $(cat "$pidf"))"; return 0; fi
    pid_alive "$pidf" || fail_with_log "apicurio registry exited during start-up" "$logf"
    sleep 0.3
  done
  fail_with_log "apicurio registry not ready after ${READY_TIMEOUT_S}s" "$logf"
}

# ---------- stop ----------
stop_pid() { # $1 name, $2 pid file
  local pidf="$2" pid
  if ! pid_alive "$pidf"; then rm -f "$pidf"; log "$1 not running"; return 0; fi
  pid="$(cat "$pidf")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || { rm -f "$pidf"; log "$1 stopped"; return 0; }; sleep 0.2; done
  log "$1 did not stop within 20s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidf"
}

status() {
  pid_alive "$STACK_DIR/kafka/pid" && echo "kafka: running (pid $(cat "$STACK_DIR/kafka/pid")) on 127.0.0.1:$KAFKA_PORT" || echo "kafka: stopped"
  pid_alive "$STACK_DIR/registry/pid" && echo "registry: running (pid $(cat "$STACK_DIR/registry/pid")) on http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7" || echo "registry: stopped"
}

cmd="${1:-}"; what="${2:-all}"
case "$cmd" in
  up)
    command -v "$JAVA" > /dev/null || die "java not found (Java >= 17 is needed for the local stack)"
    command -v mvn > /dev/null || [ -f "$(kafka_lib)/.complete" ] || die "mvn not found (Maven is needed once to fetch the stack)"
    case "$what" in kafka) kafka_up ;; registry) registry_up ;; all) kafka_up; registry_up ;; *) die "unknown component $what" ;; esac ;;
  down)
    case "$what" in kafka) stop_pid kafka "$STACK_DIR/kafka/pid" ;; registry) stop_pid registry "$STACK_DIR/registry/pid" ;;
      all) stop_pid registry "$STACK_DIR/registry/pid"; stop_pid kafka "$STACK_DIR/kafka/pid" ;; *) die "unknown component $what" ;; esac ;;
  status) status ;;
  env)
    printf 'export KAFKA_BROKERS=%q\n' "${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
    printf 'export SCHEMA_REGISTRY_URL=%q\n' "${SCHEMA_REGISTRY_URL:-http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7}" ;;
  *) echo "usage: $0 up|down [kafka|registry] | status | env" >&2; exit 2 ;;
esac

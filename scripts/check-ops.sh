#!/usr/bin/env bash
# Checks the operations packaging offline: docker-compose.yml, Prometheus config and alert rules (with their
# unit tests), the Grafana dashboard, and the Kubernetes manifests (kustomize build + schema validation).
# Installs what it needs once (cached, idempotent): Debian packages `prometheus` (promtool) and
# `docker-compose`, kustomize into .tools/bin (go install), kubernetes-validate into .tools/venv.
# Usage: scripts/check-ops.sh            Exit status: 0 when every check passes.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOOLS="$ROOT/.tools"
KUSTOMIZE_VERSION=v5.8.1 # v5.8.2+ needs Go >= 1.27
K8S_VALIDATE_VERSION=1.37.0
KUSTOMIZE="$TOOLS/bin/kustomize"
VENV="$TOOLS/venv"

say() { printf '\n== %s\n' "$*"; }
die() { printf 'check-ops: %s\n' "$*" >&2; exit 2; }

apt_install() {
  local sudo=''
  [ "$(id -u)" -eq 0 ] || sudo='sudo'
  echo "installing Debian packages: $*"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    die "apt-get install $* failed"
}

ensure_tools() {
  local missing=()
  command -v promtool >/dev/null || missing+=(prometheus)
  if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null; then COMPOSE=(docker-compose)
  else missing+=(docker-compose); COMPOSE=(docker-compose)
  fi
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

  if [ ! -x "$KUSTOMIZE" ] || ! "$KUSTOMIZE" version 2>/dev/null | grep -qx "$KUSTOMIZE_VERSION"; then
    command -v go >/dev/null || die 'go is needed to install kustomize (go install sigs.k8s.io/kustomize/kustomize/v5)'
    echo "installing kustomize $KUSTOMIZE_VERSION into $TOOLS/bin"
    GOBIN="$TOOLS/bin" GOPATH="$TOOLS/go" GOCACHE="$TOOLS/go/cache" GOFLAGS=-modcacherw GOTOOLCHAIN=local \
      go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" || die 'go install kustomize failed'
  fi

  if ! "$VENV/bin/python" -c 'import kubernetes_validate, jsonschema, yaml' 2>/dev/null ||
    [ "$("$VENV/bin/python" -c 'import kubernetes_validate; print(kubernetes_validate.__version__)' 2>/dev/null)" != "$K8S_VALIDATE_VERSION" ]; then
    echo "installing kubernetes-validate $K8S_VALIDATE_VERSION into $VENV"
    python3 -m venv "$VENV" || die 'python3 -m venv failed (apt-get install python3-venv)'
    "$VENV/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==$K8S_VALIDATE_VERSION" || die 'pip install kubernetes-validate failed'
  fi
}

FAILED=()
check() {
  local name="$1"; shift
  say "$name"
  if "$@"; then echo "ok: $name"; else echo "FAILED: $name" >&2; FAILED+=("$name"); fi
}

kustomize_validate() {
  local out
  out="$(mktemp)"
  "$KUSTOMIZE" build k8s/overlays/example >"$out" || { rm -f "$out"; return 1; }
  "$VENV/bin/python" test/ops/validate_k8s.py "$out"
  local rc=$?
  rm -f "$out"
  return $rc
}

ensure_tools
echo "tools: $(promtool --version 2>&1 | head -1); ${COMPOSE[*]} $("${COMPOSE[@]}" version --short 2>/dev/null);" \
  "kustomize $("$KUSTOMIZE" version); kubernetes-validate $("$VENV/bin/python" -c 'import kubernetes_validate; print(kubernetes_validate.__version__)')"

check 'docker compose config' "${COMPOSE[@]}" -f docker-compose.yml config -q
check 'promtool check rules' promtool check rules deploy/prometheus/alerts.yml
check 'promtool test rules' promtool test rules deploy/prometheus/alerts.test.yml
check 'promtool check config' promtool check config deploy/prometheus/prometheus.yml
check 'dashboard JSON, PromQL and metric names' "$VENV/bin/python" test/ops/check_dashboard.py promtool
check 'PrometheusRule in sync with alerts.yml' "$VENV/bin/python" test/ops/prometheusrule.py --check
check 'kustomize build k8s/base' sh -c "'$KUSTOMIZE' build k8s/base >/dev/null"
check 'kustomize build k8s/overlays/example + offline schema validation' kustomize_validate

echo
if [ ${#FAILED[@]} -gt 0 ]; then
  printf 'check-ops: %d check(s) FAILED:\n' "${#FAILED[@]}" >&2
  printf '  - %s\n' "${FAILED[@]}" >&2
  exit 1
fi
echo 'check-ops: all checks passed'

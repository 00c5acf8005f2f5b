#!/usr/bin/env bash
# Fails (non-zero) when a production dependency has a known vulnerability of severity high or critical.
#   bash scripts/audit.sh        (used in CI; dev dependencies are not shipped and not checked)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec bash "$ROOT/scripts/node.sh" npm audit --omit=dev --audit-level=high

#!/usr/bin/env bash
# Installs the UI's npm packages exactly as ui/package-lock.json pins them.
# `npm ci` wipes node_modules, so it is skipped when the tree matches the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  npm ci --prefix ui --no-audit --no-fund
else
  echo "ui/node_modules is up to date"
fi

#!/usr/bin/env bash
# The UI's checks: installs its npm packages from the lock, builds it (type
# checks with svelte-check, then a CSP check of dist), and runs the component
# tests in headless Chromium (playwright-core + the system's /usr/bin/chromium,
# which scripts/install-system-deps.sh installs). Screenshots land in
# ui/test-results/. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "ui-test: ${CHROMIUM:-/usr/bin/chromium} is missing; run scripts/install-system-deps.sh" >&2
  exit 1
fi

bash scripts/install-ui-deps.sh
npm --prefix ui run build
npm --prefix ui test

#!/usr/bin/env bash
# Refreshes the README's screenshots from the real-window test run: run
# `bash scripts/desktop-test.sh` first (it writes target/desktop-screenshots/),
# then this copies the dashboard and the top-up wizard into docs/screenshots/,
# scaled to 960 px wide with a 128-colour palette so they stay small.
set -euo pipefail
cd "$(dirname "$0")/.."
SHOTS="target/desktop-screenshots"
OUT="docs/screenshots"
command -v convert >/dev/null || { echo "readme-screenshots: needs ImageMagick's convert" >&2; exit 1; }
mkdir -p "$OUT"
for pair in "view-dashboard:dashboard" "topup-1-wizard:topup-wizard"; do
  from="$SHOTS/${pair%%:*}.png"
  to="$OUT/${pair##*:}.png"
  [ -f "$from" ] || { echo "readme-screenshots: $from is missing; run scripts/desktop-test.sh" >&2; exit 1; }
  convert "$from" -resize 960x -strip -colors 128 "PNG8:$to"
  echo "$to: $(stat -c %s "$to") bytes"
done

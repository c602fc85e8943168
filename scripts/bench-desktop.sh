#!/usr/bin/env bash
# Desktop benchmark (figures, not a test): builds the release app and its
# .deb, then under Xvfb measures, on a ledger with a year of data (the sample
# dataset) and, when present, the 1M-line ledger of scripts/bench-reports.sh:
#   first paint of the dashboard with data   goal <= 1.5 x 0.35 s (minimal Tauri window)
#   idle memory, PSS of all app processes     goal <= 1.2 x 268 MB
#   a 200-line page of the transactions view  goal <= 10 ms
#   the release .deb's size                   goal < 15 MB
# tests/desktop/bench_startup.py launches the app directly and watches the
# screen for the dashboard's colours (first paint with data); bench_desktop.py
# launches it through WebDriver and reads when the data is in the DOM and the
# IPC round trip of a page.
# Writes target/bench/desktop-*.json.
#
#   scripts/bench-desktop.sh            # RUNS=5 launches per ledger
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-5}"
BENCH="$ROOT/target/bench"
mkdir -p "$BENCH"

bash scripts/install-system-deps.sh
bash scripts/install-ui-deps.sh
TAURI="$ROOT/ui/node_modules/.bin/tauri"

echo "=== release build and .deb (tauri build --bundles deb)"
"$TAURI" build --bundles deb -- -p aispend-desktop
cargo build --release --locked -p aispend
# The baseline: the smallest Tauri window, same Tauri, same release profile.
cargo build --release --locked -p minimal-window --features minimal-window/custom-protocol
DEB="$(ls -1t "$ROOT"/target/release/bundle/deb/*.deb | head -1)"
DEB_BYTES="$(stat -c %s "$DEB")"
echo "{\"deb\": \"$(basename "$DEB")\", \"bytes\": $DEB_BYTES, \"mib\": $(python3 -c "print(round($DEB_BYTES/1048576, 2))"), \"goal_mib\": 15}" \
  | tee "$BENCH/desktop-deb.json"

TOOLS="$ROOT/target/tools"
[ -x "$TOOLS/bin/tauri-driver" ] || cargo install tauri-driver --version 2.1.0 --locked --root "$TOOLS"

SAMPLE="$BENCH/desktop-sample.sqlite"
rm -f "$SAMPLE" "$SAMPLE-wal" "$SAMPLE-shm"
"$ROOT/target/release/aispend" --db "$SAMPLE" sample load >/dev/null

run() { # NAME LEDGER
  xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
    python3 tests/desktop/bench_desktop.py --app "$ROOT/target/release/aispend-desktop" \
      --cli "$ROOT/target/release/aispend" --driver "$TOOLS/bin/tauri-driver" \
      --native-driver "$(command -v WebKitWebDriver)" --ledger "$2" --runs "$RUNS" \
      --out "$BENCH/desktop-$1.json"
}
echo "=== the minimal Tauri window, timed the same way (the baseline of the goals)"
python3 tests/desktop/bench_startup.py --app "$ROOT/target/release/minimal-window" --minimal \
  --runs "$RUNS" --out "$BENCH/desktop-startup-minimal.json"
echo "=== start-up without WebDriver: first window, first paint of the dashboard, idle PSS"
python3 tests/desktop/bench_startup.py --app "$ROOT/target/release/aispend-desktop" \
  --ledger "$SAMPLE" --runs "$RUNS" --out "$BENCH/desktop-startup-sample.json"
echo "=== sample ledger (a year of one card), through WebDriver"
run sample "$SAMPLE"
if [ -s "$BENCH/reports.sqlite" ]; then
  echo "=== 1M-line ledger (scripts/bench-reports.sh)"
  # Bring it to this version's schema first, so no launch pays for a migration.
  "$ROOT/target/release/aispend" --db "$BENCH/reports.sqlite" imports >/dev/null
  run 1m "$BENCH/reports.sqlite"
fi

echo "=== the app against the minimal window, both launched directly on this machine"
python3 - "$BENCH" <<'PY' | tee "$BENCH/desktop-vs-minimal.json"
import json, sys
from pathlib import Path
bench = Path(sys.argv[1])
m = json.loads((bench / "desktop-startup-minimal.json").read_text())
a = json.loads((bench / "desktop-startup-sample.json").read_text())
mp, ap = m["first_paint_with_data_s"]["median"], a["first_paint_with_data_s"]["median"]
mm, am = m["idle_pss_mib"]["median"], a["idle_pss_mib"]["median"]
print(json.dumps({
    "minimal_first_paint_s": mp, "app_first_paint_with_data_s": ap,
    "paint_ratio": round(ap / mp, 2) if mp and ap else None, "paint_goal_ratio": 1.5,
    "minimal_idle_pss_mib": round(mm, 1), "app_idle_pss_mib": round(am, 1),
    "pss_ratio": round(am / mm, 2), "pss_goal_ratio": 1.2,
}, indent=2))
PY

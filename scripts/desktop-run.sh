#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine and runs the AI Spend desktop app.
#
#   bash scripts/desktop-run.sh            # development: Vite dev server + `tauri dev`,
#                                          # dev identifier and dev data folder
#   bash scripts/desktop-run.sh --release  # build the release app (UI embedded) and launch it
#   bash scripts/desktop-run.sh --deb      # build the release .deb into target/release/bundle/deb/
#
# AISPEND_DB=/path/to/ledger.sqlite points the app at another ledger.
# Needs Rust (https://rustup.rs; rust-toolchain.toml picks the version) and
# Node.js >= 20.19 with npm. Safe to re-run: every step skips what is done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

mode="${1:-dev}"
case "$mode" in
  dev|--dev) mode=dev ;;
  --release) mode=release ;;
  --deb) mode=deb ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "unknown option: $mode (expected --release, --deb or nothing)" >&2; exit 2 ;;
esac

for tool in cargo npm node; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: $tool is not installed. Install Rust from https://rustup.rs and Node.js 20.19 or newer, then re-run." >&2
    exit 1
  fi
done

echo "== system packages"
bash scripts/install-system-deps.sh

echo "== ui dependencies"
bash scripts/install-ui-deps.sh

# The Tauri CLI must run from the repository root, where tauri.conf.json is;
# `-p aispend-desktop` because the workspace's default members are core + CLI.
TAURI="$ROOT/ui/node_modules/.bin/tauri"
case "$mode" in
  dev)
    echo "== tauri dev (close the window or press Ctrl+C to stop)"
    exec "$TAURI" dev --config tauri.development.conf.json -- -p aispend-desktop
    ;;
  release)
    echo "== tauri build --no-bundle"
    "$TAURI" build --no-bundle -- -p aispend-desktop
    echo "== launching target/release/aispend-desktop"
    exec "$ROOT/target/release/aispend-desktop"
    ;;
  deb)
    echo "== tauri build --bundles deb"
    "$TAURI" build --bundles deb -- -p aispend-desktop
    ls -1 "$ROOT"/target/release/bundle/deb/*.deb
    ;;
esac

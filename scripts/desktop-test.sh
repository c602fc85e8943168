#!/usr/bin/env bash
# Real-window tests of the desktop app: builds the UI and the app with the UI
# embedded, then launches the app under Xvfb and drives it over WebDriver
# (tauri-driver + WebKitWebDriver) with tests/desktop/run_tests.py.
#
#   bash scripts/desktop-test.sh            # all tests
#   bash scripts/desktop-test.sh -k error   # tests whose name contains "error"
#
# Screenshots land in target/desktop-screenshots/. Safe to re-run: each step
# skips what is already up to date. Ends with "N passed, M failed".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TAURI_DRIVER_VERSION="2.1.0"
# Honour CARGO_TARGET_DIR (several checkouts may share one target dir).
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
TOOLS="$TARGET/tools"
SHOTS="$ROOT/target/desktop-screenshots"
step() { printf '\n== %s\n' "$*"; }
start=$SECONDS

step "system packages"
bash scripts/install-system-deps.sh

step "ui: npm ci"
bash scripts/install-ui-deps.sh

if [ "${AISPEND_DESKTOP_PREBUILT:-}" = 1 ]; then
  # scripts/test.sh has built the UI and, in its test step, both binaries
  # with the same features: building them again here would compile the
  # core a second time with other feature flags.
  step "ui and binaries: built by the suite's earlier steps"
else
  step "ui: typecheck and build"
  npm --prefix ui run build
fi

# The app and CLI binaries land at one path per target dir: hold a lock from
# their build to the end of the tests so that a second checkout sharing the
# target dir cannot swap them mid-run.
mkdir -p "$TARGET"
exec 9>"$TARGET/.desktop-test.lock"
if ! flock -n 9; then
  echo "another desktop test run holds $TARGET/.desktop-test.lock; waiting"
  flock 9
fi

if [ "${AISPEND_DESKTOP_PREBUILT:-}" != 1 ]; then
  step "app (debug, frontend embedded) and CLI (fills the test ledgers): cargo build"
  cargo build --locked -p aispend-desktop -p aispend --features aispend-desktop/custom-protocol
fi
APP="$TARGET/debug/aispend-desktop"
CLI="$TARGET/debug/aispend"

step "tauri-driver $TAURI_DRIVER_VERSION"
if [ -x "$TOOLS/bin/tauri-driver" ] && grep -qs "tauri-driver $TAURI_DRIVER_VERSION " "$TOOLS/.crates.toml"; then
  echo "present in $TOOLS"
else
  # A debug build: it only relays WebDriver calls, and compiles in far less time.
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --debug --root "$TOOLS"
fi

step "desktop tests under Xvfb"
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
# Without a GPU render node (as here) the app turns WebKitGTK's DMA-BUF
# renderer off itself (src-tauri/src/renderer.rs), so these tests run what a
# user without a GPU runs. WebDriver's own screenshot hangs in that mode once
# the page is idle: tests/desktop/webdriver.py reads the window off the X
# display (xwd) instead. Do not set WEBKIT_DISABLE_COMPOSITING_MODE either.
echo "setup took $(( SECONDS - start ))s; screenshots go to $SHOTS"
# A private D-Bus session with a throwaway GNOME Keyring: the provider-sync
# test stores an Admin key through the app, never in the user's own keychain,
# and the notification test's stand-in server (tests/desktop/notification_server.py)
# receives the app's notifications there, never the user's desktop.
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
export APP CLI TOOLS SHOTS
XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
  printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
    python3 tests/desktop/run_tests.py \
      --app "$APP" \
      --cli "$CLI" \
      --driver "$TOOLS/bin/tauri-driver" \
      --native-driver "$(command -v WebKitWebDriver)" \
      --screenshots "$SHOTS" "$@"
' desktop-tests "$@" 2> >(grep -v "^dbus-daemon\[" >&2)

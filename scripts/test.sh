#!/usr/bin/env bash
# The whole test suite: what CI runs (.ci/run) and what a developer runs.
# On a fresh Debian/Ubuntu machine it installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step says how long the one before it took, and the end lists them all
# (where the suite's time goes; see the README's "Test time").
TIMES=()
step_name=""
step_start=$SECONDS
step_done() {
  if [ -n "$step_name" ]; then
    TIMES+=("$(printf '%5ds  %s' $((SECONDS - step_start)) "$step_name")")
  fi
}
step() {
  step_done
  step_name="$*"
  step_start=$SECONDS
  printf '\n=== %s\n' "$*"
}
report_times() {
  step_done
  step_name=""
  printf '\n=== time per step (total %ds)\n' "$SECONDS"
  printf '%s\n' "${TIMES[@]}"
}

step "system packages"
bash scripts/install-system-deps.sh

step "format"
cargo fmt --all -- --check

step "lint (core and CLI)"
cargo clippy -p aispend-core -p aispend --all-targets --locked -- -D warnings

step "core and CLI tests (incl. the crash harness)"
cargo test -p aispend-core -p aispend --locked

step "ui: build (svelte-check, strict TypeScript, CSP check) and component tests in headless Chromium"
bash scripts/ui-test.sh

step "OS keychain: keys and sync against a real Secret Service (GNOME Keyring, private D-Bus session)"
# tests/keyring.rs skips itself without AISPEND_TEST_SECRET_SERVICE; here it runs.
keyring_home=$(mktemp -d)
XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
  printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  AISPEND_TEST_SECRET_SERVICE=1 cargo test -p aispend --locked --test keyring
' 2> >(grep -v "^dbus-daemon\[" >&2)
rm -rf "$keyring_home"

step "desktop shell: lint and unit tests (needs the webview libraries)"
cargo clippy -p aispend-desktop --all-targets --locked -- -D warnings
cargo test -p aispend-desktop --locked

step "desktop: UI build, then the app in a real window under Xvfb"
desk_log="$(mktemp)"
bash scripts/desktop-test.sh 2>&1 | tee "$desk_log"
report_times
# The suite's summary stays the last line: "N passed, M failed".
tail -n 1 "$desk_log"
rm -f "$desk_log"

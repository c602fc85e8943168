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

# The core, the CLI and the desktop shell are linted, tested and built with
# ONE package set and feature set: cargo unifies dependency features per
# command, so a separate command per package compiled the core and its
# dependency graph once per combination (the desktop shell pulls other
# features of tokio, reqwest, ...). `cargo test` on its own (the workspace's
# default members) still needs no webview libraries.
ALL=(-p aispend-core -p aispend -p aispend-desktop --features aispend-desktop/custom-protocol --locked)

step "ui: build (svelte-check, strict TypeScript, CSP check) and component tests in headless Chromium"
# First: the desktop shell embeds ui/dist when it compiles.
bash scripts/ui-test.sh

step "lint (core, CLI, desktop shell)"
cargo clippy "${ALL[@]}" --all-targets -- -D warnings

step "tests: core and CLI (incl. the crash harness), desktop shell unit tests"
cargo test "${ALL[@]}"

step "OS keychain: keys and sync against a real Secret Service (GNOME Keyring, private D-Bus session)"
# tests/keyring.rs skips itself without AISPEND_TEST_SECRET_SERVICE; here the
# binary the test step built runs again with it (asking cargo for it by
# another package set would compile the core once more).
keyring_bin=$(cargo test "${ALL[@]}" --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "keyring" and m.get("executable"):
        print(m["executable"])
')
[ -x "$keyring_bin" ] || { echo "test.sh: the keyring test binary was not built" >&2; exit 1; }
keyring_home=$(mktemp -d)
XDG_DATA_HOME="$keyring_home" KEYRING_BIN="$keyring_bin" dbus-run-session -- bash -c '
  printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  cd crates/cli && AISPEND_TEST_SECRET_SERVICE=1 "$KEYRING_BIN"
' 2> >(grep -v "^dbus-daemon\[" >&2)
rm -rf "$keyring_home"

step "desktop: the app in a real window under Xvfb"
desk_log="$(mktemp)"
AISPEND_DESKTOP_PREBUILT=1 bash scripts/desktop-test.sh 2>&1 | tee "$desk_log"
report_times
# The suite's summary stays the last line: "N passed, M failed".
tail -n 1 "$desk_log"
rm -f "$desk_log"

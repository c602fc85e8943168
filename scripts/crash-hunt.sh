#!/usr/bin/env bash
# Crash hunt by hand: the crash-safety harness (crates/cli/tests/crash.rs) with
# many more SIGKILLs than the test suite's 200.
#
#   scripts/crash-hunt.sh [KILLS]          # default 1000 kills, debug build
#   PROFILE=release scripts/crash-hunt.sh  # against the release build
#
# Also honoured: AISPEND_CRASH_SEED (default 42; vary it to hunt new moments),
# AISPEND_CRASH_ROWS (rows in the imported file; default 12000 in debug,
# 60000 in release so an import still takes a few hundred milliseconds).
set -euo pipefail
cd "$(dirname "$0")/.."

KILLS="${1:-1000}"
PROFILE="${PROFILE:-debug}"
case "$PROFILE" in
  debug)   PROFILE_ARGS=(); DEFAULT_ROWS=12000 ;;
  release) PROFILE_ARGS=(--release); DEFAULT_ROWS=60000 ;;
  *) echo "PROFILE must be debug or release, not $PROFILE" >&2; exit 2 ;;
esac

export AISPEND_CRASH_KILLS="$KILLS"
export AISPEND_CRASH_ROWS="${AISPEND_CRASH_ROWS:-$DEFAULT_ROWS}"
export AISPEND_CRASH_SEED="${AISPEND_CRASH_SEED:-42}"

echo "crash hunt: $KILLS kills, seed $AISPEND_CRASH_SEED, $AISPEND_CRASH_ROWS rows, $PROFILE build"
start=$(date +%s)
cargo test -p aispend "${PROFILE_ARGS[@]}" --test crash -- --nocapture
echo "crash hunt: done in $(( $(date +%s) - start )) s"

#!/usr/bin/env bash
# Agent-log import benchmark (a benchmark, not a timed test: it exits 0
# whether or not the goals are met, and non-zero only when something fails
# to run).
#
# Writes EVENTS Codex CLI token counts (default 5,000,000, about 4 GB of
# logs with the lines around them; EVENTS=1200000 is about 1 GB) in FILES
# rollout logs (default 1000) under target/bench/agent-logs, then, with the
# release build (crates/core/examples/bench_agent_logs.rs), times:
#   the first scan into a fresh ledger:        goal 1 GB in <= 30 s, <= 200 MB
#   a re-scan with nothing new:                goal <= 1 s
#   a re-scan after one log grew by one event
# Prints one JSON line and writes target/bench/agent-logs.json.
#
#   scripts/bench-agent-logs.sh
#   EVENTS=200000 FILES=100 scripts/bench-agent-logs.sh
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$ROOT"
EVENTS="${EVENTS:-5000000}"
FILES="${FILES:-1000}"
BENCH="$ROOT/target/bench"
mkdir -p "$BENCH"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
cargo build --release -p aispend-core --example bench_agent_logs
"$TARGET/release/examples/bench_agent_logs" "$BENCH/agent-logs" "$EVENTS" "$FILES" \
    | tee "$BENCH/agent-logs.json"
rm -rf "$BENCH/agent-logs"

#!/usr/bin/env bash
# Agent-log import benchmark (a benchmark, not a timed test: it exits 0
# whether or not the goals are met, and non-zero only when something fails
# to run).
#
# Writes EVENTS Codex CLI token counts (default 5,000,000) in FILES rollout
# logs (default 1000) under target/bench/agent-logs, in one of two SHAPEs:
#   full     each count with the lines a real session has around it (a tool
#            call's output, a repeated count): ~840 bytes an event, so
#            EVENTS=1200000 is about 1 GB (the default 5M, about 4 GB)
#   compact  the counts alone, running totals only: ~260 bytes an event, so
#            EVENTS=5000000 is about 1.3 GB (closest to the issue's "1 GB,
#            ~5M events" a real token count line allows)
# then, with the
# release build (crates/core/examples/bench_agent_logs.rs), times:
#   the first scan into a fresh ledger:        goal 1 GB in <= 30 s, <= 200 MB
#   a re-scan with nothing new:                goal <= 1 s
#   a re-scan after one log grew by one event
# Prints one JSON line and writes target/bench/agent-logs.json.
#
#   scripts/bench-agent-logs.sh
#   EVENTS=200000 FILES=100 scripts/bench-agent-logs.sh
#   EVENTS=1200000 scripts/bench-agent-logs.sh
#   SHAPE=compact scripts/bench-agent-logs.sh
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$ROOT"
EVENTS="${EVENTS:-5000000}"
FILES="${FILES:-1000}"
SHAPE="${SHAPE:-full}"
BENCH="$ROOT/target/bench"
mkdir -p "$BENCH"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
cargo build --release -p aispend-core --example bench_agent_logs
"$TARGET/release/examples/bench_agent_logs" "$BENCH/agent-logs" "$EVENTS" "$FILES" "$SHAPE" \
    | tee "$BENCH/agent-logs.json"
rm -rf "$BENCH/agent-logs"

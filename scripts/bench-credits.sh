#!/usr/bin/env bash
# Credits, budgets and alerts speed benchmark (a benchmark, not a timed test:
# it exits 0 whether or not the goal is met).
#
# Generates a ROWS-row Chase card CSV (default 1,000,000) and a COSTS-row
# OpenAI cost export (default 100,000) with ../shared/bench/, imports both
# into a fresh ledger with the release build, adds payment records, a grant,
# a stated balance and five budgets, then times as of 2025-12-31
# (crates/core/examples/bench_credits.rs), medians of 7:
#   credits (every account), budget status, alerts (credits + budgets +
#   subscriptions + the alert rules):                      goal <= 50 ms
# with the load average before and after (the machine is shared). Writes
# target/bench/credits.json.
#
#   scripts/bench-credits.sh
#   ROWS=200000 COSTS=20000 scripts/bench-credits.sh
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$ROOT"
SHARED="$ROOT/../shared/bench"
ROWS="${ROWS:-1000000}"
COSTS="${COSTS:-100000}"
SEED="${SEED:-20240601}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BENCH="$TARGET/bench"
CARD="$BENCH/card-$ROWS-seed$SEED.csv"
COST="$BENCH/openai-costs-$COSTS-seed$SEED.csv"
DB="$BENCH/credits.sqlite"
mkdir -p "$BENCH"
[ -f "$CARD" ] || python3 "$SHARED/gen_card_csv.py" "$ROWS" "$CARD" --seed "$SEED"
[ -f "$COST" ] || python3 "$SHARED/gen_openai_costs.py" "$COSTS" "$COST" --seed "$SEED" \
    --start 2021-01-01 --days 1826
rm -f "$DB" "$DB-wal" "$DB-shm"
cargo build --release --locked -p aispend-core --example bench_credits
"$TARGET/release/examples/bench_credits" "$DB" "$CARD" "$COST" | tee "$BENCH/credits.json"

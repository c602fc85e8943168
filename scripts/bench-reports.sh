#!/usr/bin/env bash
# Report speed benchmark (a benchmark, not a timed test: it exits 0 whether or
# not the goals are met, and non-zero only when something fails to run).
#
# Generates a ROWS-row Chase card CSV (default 1,000,000; seed 20240601;
# dates 2021-01-01..2025-12-31, so 60 months) with
# ../shared/bench/gen_card_csv.py, imports it into a fresh ledger with the
# release build, then times (crates/core/examples/bench_reports.rs):
#   the 24-month summary (2024-01..2025-12) from the rollup, median of 30: goal <= 20 ms
#   the same by a plain GROUP BY over the lines (reference), median of 3
#   subscription detection as of 2025-12-31, median of 7:           goal <= 1 s
#   the desktop transactions view: a 200-line page at the top, the middle
#   and the end of the ledger (keyset cursor), a class filter and a text
#   search, and the count, medians:                                  goal <= 10 ms a page
#   the dashboard as of 2025-12-31, median of 7
# Each figure comes with the load average when it was measured (the machine
# is shared). Writes target/bench/reports.json.
#
#   scripts/bench-reports.sh
#   ROWS=200000 scripts/bench-reports.sh
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$ROOT"
GEN="$ROOT/../shared/bench/gen_card_csv.py"
ROWS="${ROWS:-1000000}"
SEED="${SEED:-20240601}"
BENCH="$ROOT/target/bench"
CSV="$BENCH/card-$ROWS-seed$SEED.csv"
DB="$BENCH/reports.sqlite"

die() { echo "bench-reports: $*" >&2; exit 1; }
[[ "$ROWS" =~ ^[1-9][0-9]*$ ]] || die "ROWS must be a positive whole number, not '$ROWS'"
[ -f "$GEN" ] || die "generator not found: $GEN"
mkdir -p "$BENCH"
if [ ! -s "$CSV" ]; then
  echo "=== generating $ROWS rows (seed $SEED) into $CSV"
  python3 "$GEN" "$ROWS" "$CSV.part" --seed "$SEED" --start 2021-01-01 --end 2025-12-31
  mv "$CSV.part" "$CSV"
fi
echo "=== build (release)"
cargo build --release -p aispend-core --example bench_reports
rm -f "$DB" "$DB-wal" "$DB-shm"
echo "=== import and measure; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/target/release/examples/bench_reports" "$DB" "$CSV" | tee "$BENCH/reports.json"
python3 -m json.tool "$BENCH/reports.json"

#!/usr/bin/env bash
# Report speed benchmark (a benchmark, not a timed test: it exits 0 whether or
# not the goals are met, and non-zero only when something fails to run).
#
# Generates a ROWS-row Chase card CSV (default 1,000,000 over 2021-01-01..
# 2025-12-31, 60 months; ROWS=10000000 spans ten years, 2016-01-01..
# 2025-12-31; seed 20240601) with ../shared/bench/gen_card_csv.py, imports
# it into a fresh ledger with the release build, then times
# (crates/core/examples/bench_reports.rs):
#   the 24-month summary (2024-01..2025-12) from the rollup, median of 30: goal <= 20 ms
#   the same by a plain GROUP BY over the lines (reference), median of 3
#   subscription detection as of 2025-12-31, median of 7:           goal <= 50 ms (1M)
#   the desktop transactions view: a 200-line page at the top, the middle
#   and the end of the ledger (keyset cursor), a class filter and a text
#   search, the count, a jump to the middle and the end, medians:   goal <= 16 ms (1M)
#   every filter combination (account, class, vendor, status, dates): count,
#   first page, jump to the middle and its page, jump to a date and its page
#   every filter combination again with a text search ("openai")
#   the dashboard as of 2025-12-31, median of 7:                     goal <= 20 ms (1M)
# and reports the import time (wall and CPU) next to SQLite's own `.import`
# of the same file (sqlite3 CLI, when installed), the import's peak memory
# (/usr/bin/time -v, when installed) and the ledger's bytes per line.
# Each figure comes with the load average when it was measured (the machine
# is shared). Writes $TARGET/bench/reports-$ROWS.json.
#
# TEXTS=distinct: the same statement with an order number in the memo of
# nine rows in ten (mostly distinct searched texts, as a shop's orders
# give), to measure what distinct texts cost in bytes per line and import
# time. Writes $TARGET/bench/reports-$ROWS-distinct.json.
#
#   scripts/bench-reports.sh
#   ROWS=10000000 scripts/bench-reports.sh
#   TEXTS=distinct scripts/bench-reports.sh
#   BENCH_BIN=path/to/bench_reports scripts/bench-reports.sh   # another build
#   KEEP=1 ROWS=10000000 scripts/bench-reports.sh   # reuse the imported ledger
#
# KEEP=1: when the ledger of an earlier run exists, time the views over it
# again without generating, importing or running SQLite's `.import` (a 10M
# import takes minutes on a shared machine). The import figures are then
# null; the ledger carries the earlier runs' edits and rules (each run's
# rule sets a product of its own, so it changes the same lines again), and
# a newer build migrates it first. Run under `nice` on a shared machine.
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$ROOT"
GEN="$ROOT/../shared/bench/gen_card_csv.py"
ROWS="${ROWS:-1000000}"
SEED="${SEED:-20240601}"
TEXTS="${TEXTS:-repeated}"
KEEP="${KEEP:-0}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BENCH="$TARGET/bench"
CSV="$BENCH/card-$ROWS-seed$SEED.csv"
NAME="$ROWS"
case "$TEXTS" in
  repeated) ;;
  distinct) NAME="$ROWS-distinct" ;;
  *) echo "bench-reports: TEXTS must be repeated or distinct, not '$TEXTS'" >&2; exit 1 ;;
esac
DB="$BENCH/reports-$NAME.sqlite"
OUT="$BENCH/reports-$NAME.json"

die() { echo "bench-reports: $*" >&2; exit 1; }
[[ "$ROWS" =~ ^[1-9][0-9]*$ ]] || die "ROWS must be a positive whole number, not '$ROWS'"
[ -f "$GEN" ] || die "generator not found: $GEN"
START=2021-01-01
if [ "$ROWS" -ge 5000000 ]; then START=2016-01-01; fi
mkdir -p "$BENCH"
KEPT=0
if [ "$KEEP" = 1 ] && [ -s "$DB" ]; then KEPT=1; fi
if [ "$KEPT" = 0 ] && [ ! -s "$CSV" ]; then
  echo "=== generating $ROWS rows (seed $SEED, $START..2025-12-31) into $CSV"
  python3 "$GEN" "$ROWS" "$CSV.part" --seed "$SEED" --start "$START" --end 2025-12-31
  mv "$CSV.part" "$CSV"
fi
if [ "$KEPT" = 0 ] && [ "$TEXTS" = distinct ]; then
  BASE="$CSV"
  CSV="$BENCH/card-$ROWS-seed$SEED-distinct.csv"
  if [ ! -s "$CSV" ]; then
    echo "=== an order number in nine memos in ten into $CSV"
    python3 - "$BASE" "$CSV.part" "$SEED" <<'PY'
import csv, random, sys
src, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
with open(src, newline="") as f, open(out, "w", newline="") as g:
    r, w = csv.reader(f), csv.writer(g, lineterminator="\n")
    w.writerow(next(r))
    for i, row in enumerate(r):
        if rng.random() < 0.9:
            order = "Order %03d-%07d-%07d" % (rng.randrange(1000), rng.randrange(10**7), i)
            row[6] = (row[6] + " " + order).strip()
        w.writerow(row)
PY
    mv "$CSV.part" "$CSV"
  fi
fi
BIN="${BENCH_BIN:-}"
if [ -z "$BIN" ]; then
  echo "=== build (release)"
  cargo build --release -p aispend-core --example bench_reports
  BIN="$TARGET/release/examples/bench_reports"
fi

# SQLite's own import of the same file: the yardstick for the import time.
# Its CPU time too (user + system, with /usr/bin/time): on a shared machine
# the wall-clock ratio moves with the load, the CPU ratio much less.
SQLITE_IMPORT_MS=null
SQLITE_IMPORT_CPU_MS=null
if [ "$KEPT" = 0 ] && command -v sqlite3 >/dev/null; then
  rm -f "$BENCH/plain.sqlite"
  echo "=== sqlite3 .import; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  SQLITE_TIME=()
  if [ -x /usr/bin/time ]; then SQLITE_TIME=(/usr/bin/time -f "%U %S" -o "$BENCH/sqlite-time-$NAME.txt"); fi
  t0=$(date +%s%N)
  "${SQLITE_TIME[@]}" sqlite3 "$BENCH/plain.sqlite" -cmd ".mode csv" ".import '$CSV' lines"
  t1=$(date +%s%N)
  SQLITE_IMPORT_MS=$(( (t1 - t0) / 1000000 ))
  if [ -s "$BENCH/sqlite-time-$NAME.txt" ]; then
    SQLITE_IMPORT_CPU_MS=$(awk '{printf "%d", ($1 + $2) * 1000}' "$BENCH/sqlite-time-$NAME.txt")
  fi
  rm -f "$BENCH/plain.sqlite"
fi

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
PEAK_KIB=null
if [ "$KEPT" = 1 ]; then
  echo "=== measure the kept ledger $DB; load average $LOAD_START"
  "$BIN" "$DB" > "$BENCH/raw-$NAME.json"
else
  rm -f "$DB" "$DB-wal" "$DB-shm"
  echo "=== import and measure; load average $LOAD_START"
  TIME=()
  if [ -x /usr/bin/time ]; then TIME=(/usr/bin/time -v -o "$BENCH/time-$NAME.txt"); fi
  "${TIME[@]}" "$BIN" "$DB" "$CSV" > "$BENCH/raw-$NAME.json"
fi
if [ "$KEPT" = 0 ] && [ -s "$BENCH/time-$NAME.txt" ]; then
  PEAK_KIB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$BENCH/time-$NAME.txt")
fi
BYTES=$(stat -c %s "$DB")
python3 - "$BENCH/raw-$NAME.json" "$OUT" "$SQLITE_IMPORT_MS" "$PEAK_KIB" "$BYTES" "$LOAD_START" "$SQLITE_IMPORT_CPU_MS" "$TEXTS" "$KEPT" <<'PY'
import json, sys
raw, out, sqlite_ms, peak, size, load, sqlite_cpu, texts, kept = sys.argv[1:]
d = json.load(open(raw))
lines = d.get("lines") or 0
sqlite_ms = None if sqlite_ms == "null" else float(sqlite_ms)
sqlite_cpu = None if sqlite_cpu == "null" else float(sqlite_cpu)
d["import"] = {
    "ms": d.get("import_ms"),
    "sqlite3_import_ms": sqlite_ms,
    "ratio_to_sqlite3": (d["import_ms"] / sqlite_ms) if sqlite_ms and d.get("import_ms") else None,
    "cpu_ms": d.get("import_cpu_ms"),
    "sqlite3_import_cpu_ms": sqlite_cpu,
    "cpu_ratio_to_sqlite3": (d["import_cpu_ms"] / sqlite_cpu) if sqlite_cpu and d.get("import_cpu_ms") else None,
    "peak_rss_mib": None if peak == "null" else int(peak) / 1024,
    "load_average_at_start": load,
    "kept_ledger": kept == "1",
}
d["texts"] = texts
d["file_bytes"] = int(size)
d["bytes_per_line"] = int(size) / lines if lines else None
json.dump(d, open(out, "w"), indent=2, sort_keys=True)
PY
cat "$OUT"

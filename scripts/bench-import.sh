#!/usr/bin/env bash
# Import speed benchmark (a benchmark, not a timed test: it exits 0 whether or
# not the goals are met, and non-zero only when something fails to run).
#
# Imports a ROWS-row Chase card CSV (default 1,000,000, made by
# ../shared/bench/gen_card_csv.py) into a fresh ledger, then re-imports it
# (all duplicates), and compares both with `sqlite3 x.db '.import --csv FILE t'`
# on the same file, measured in the same run. Goals on the 2-core machine:
#   import   <= 2.0 x sqlite3 .import
#   re-import <= 1.0 x sqlite3 .import
#   peak memory (RSS) <= 64 MiB for each
# It also times SQLite alone writing the same rows into a fresh ledger
# (INSERT ... SELECT from the imported one, by the sqlite3 shell): a
# reference for the schema's own cost. It is not a floor: the importer's
# SQLite is built with a larger lookaside pool and inserts with OR ROLLBACK
# (no statement journal), and now beats it.
#
#   scripts/bench-import.sh            # ROWS=1000000 RUNS=3
#   ROWS=200000 RUNS=5 scripts/bench-import.sh
#
# Then imports a 100,000-transaction OFX 1.x card statement (made by
# scripts/gen-ofx.py; OFX_ROWS to change) into a fresh ledger, goal < 1 s,
# with SQLite alone writing the same rows beside it.
#
# Prints a table and writes target/bench/import.json.
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$ROOT"
SHARED="$ROOT/../shared"
GEN="$SHARED/bench/gen_card_csv.py"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
BENCH="$ROOT/target/bench"
CSV="$BENCH/card-$ROWS.csv"
WORK="$BENCH/work"
OUT_JSON="$BENCH/import.json"

die() { echo "bench-import: $*" >&2; exit 1; }
[[ "$ROWS" =~ ^[1-9][0-9]*$ ]] || die "ROWS must be a positive whole number, not '$ROWS'"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, not '$RUNS'"

# --- tools -----------------------------------------------------------------
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "bench-import: installing $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}
[ -x /usr/bin/time ] || apt_install time
[ -x /usr/bin/time ] || die "/usr/bin/time is still missing"
command -v sqlite3 >/dev/null || apt_install sqlite3
command -v sqlite3 >/dev/null || die "sqlite3 is still missing"
command -v python3 >/dev/null || die "python3 is needed to generate the test file"
[ -f "$GEN" ] || die "generator not found: $GEN (expected shared/ beside the repository)"

echo "=== build (release)"
cargo build --release -p aispend
AISPEND="$ROOT/target/release/aispend"
[ -x "$AISPEND" ] || die "no binary at $AISPEND"

mkdir -p "$BENCH" "$WORK"
if [ -s "$CSV" ]; then
  echo "=== test file: $CSV (already there)"
else
  echo "=== test file: generating $ROWS rows into $CSV"
  python3 "$GEN" "$ROWS" "$CSV.part"
  mv "$CSV.part" "$CSV"
fi
CSV_BYTES=$(stat -c %s "$CSV")

# --- measuring -----------------------------------------------------------------
# measure NAME CMD...: runs CMD under /usr/bin/time; appends "seconds kib" to
# $WORK/NAME.times and leaves CMD's stdout in $WORK/NAME.out.
measure() {
  local name="$1"; shift
  local tfile="$WORK/$name.time"
  if ! /usr/bin/time -f '%e %M' -o "$tfile" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    cat "$WORK/$name.err" >&2
    die "$name failed: $*"
  fi
  tail -n 1 "$tfile" >>"$WORK/$name.times"
}

# measure_floor NAME LEDGER: the sqlite3 shell alone writing LEDGER's rows
# into a fresh ledger (same schema, indexes and pragmas, foreign keys off as
# the import has them), copied with INSERT ... SELECT: no reading, parsing,
# classifying or binding. A reference, not a lower bound (see the top).
measure_floor() {
  local name="$1" from="$2" db="$WORK/$1.sqlite"
  rm -f "$db" "$db-wal" "$db-shm"
  "$AISPEND" --db "$db" imports >/dev/null
  measure "$name" sqlite3 "$db" "PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY;
    PRAGMA cache_size = -16384; ATTACH '$from' AS o; BEGIN;
    INSERT INTO accounts SELECT * FROM o.accounts;
    INSERT INTO import_batches SELECT * FROM o.import_batches;
    INSERT OR IGNORE INTO main.transactions SELECT * FROM o.transactions WHERE id > 0;
    COMMIT;"
}

# json_field FILE KEY: the first integer value of "KEY" in the import's JSON.
json_field() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["files"][0][sys.argv[2]])' "$1" "$2"
}

rm -f "$WORK"/*.times
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "=== $RUNS runs over $ROWS rows ($((CSV_BYTES / 1048576)) MiB); load average $LOAD_BEFORE"
for run in $(seq 1 "$RUNS"); do
  rm -f "$WORK/x.db"
  measure sqlite sqlite3 "$WORK/x.db" ".import --csv '$CSV' t"

  rm -f "$WORK/ledger.sqlite" "$WORK/ledger.sqlite-wal" "$WORK/ledger.sqlite-shm"
  measure import "$AISPEND" --db "$WORK/ledger.sqlite" import "$CSV" --json
  added=$(json_field "$WORK/import.out" added)
  rejected=$(json_field "$WORK/import.out" rejected)

  measure_floor floor "$WORK/ledger.sqlite"

  measure reimport "$AISPEND" --db "$WORK/ledger.sqlite" import "$CSV" --json
  re_added=$(json_field "$WORK/reimport.out" added)
  re_dups=$(json_field "$WORK/reimport.out" duplicates)

  [ "$re_added" -eq 0 ] || die "re-import added $re_added rows; expected 0"
  [ "$re_dups" -eq "$added" ] || die "re-import found $re_dups duplicates; expected $added"
  printf '  run %d: sqlite3 %ss, import %ss (%s added, %s rejected), SQLite writing the rows %ss, re-import %ss\n' "$run" \
    "$(tail -n1 "$WORK/sqlite.times" | cut -d' ' -f1)" \
    "$(tail -n1 "$WORK/import.times" | cut -d' ' -f1)" "$added" "$rejected" \
    "$(tail -n1 "$WORK/floor.times" | cut -d' ' -f1)" \
    "$(tail -n1 "$WORK/reimport.times" | cut -d' ' -f1)"
done

# --- OFX: a 100k-transaction card statement (issue #3: under 1 s) ------------
OFX_ROWS="${OFX_ROWS:-100000}"
OFX="$BENCH/ofx-$OFX_ROWS.ofx"
[ -s "$OFX" ] || python3 "$ROOT/scripts/gen-ofx.py" "$OFX_ROWS" "$OFX"
echo "=== $RUNS imports of a $OFX_ROWS-transaction OFX 1.x statement ($(($(stat -c %s "$OFX") / 1048576)) MiB)"
for run in $(seq 1 "$RUNS"); do
  rm -f "$WORK/ofx.sqlite" "$WORK/ofx.sqlite-wal" "$WORK/ofx.sqlite-shm"
  measure ofx "$AISPEND" --db "$WORK/ofx.sqlite" import "$OFX" --json
  ofx_added=$(json_field "$WORK/ofx.out" added)
  [ "$ofx_added" -eq "$OFX_ROWS" ] || die "the OFX import added $ofx_added rows; expected $OFX_ROWS"
  measure_floor ofx-floor "$WORK/ofx.sqlite"
  printf '  run %d: %ss, SQLite writing the rows %ss\n' "$run" \
    "$(tail -n1 "$WORK/ofx.times" | cut -d' ' -f1)" "$(tail -n1 "$WORK/ofx-floor.times" | cut -d' ' -f1)"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# median of column 1 (seconds); max of column 2 (peak KiB) over the runs
median() { cut -d' ' -f1 "$1" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
peak_mib() { cut -d' ' -f2 "$1" | sort -g | tail -n1 | awk '{printf "%.1f", $1/1024}'; }
times_list() { cut -d' ' -f1 "$1" | paste -sd, -; }

S=$(median "$WORK/sqlite.times");   S_MIB=$(peak_mib "$WORK/sqlite.times")
I=$(median "$WORK/import.times");   I_MIB=$(peak_mib "$WORK/import.times")
R=$(median "$WORK/reimport.times"); R_MIB=$(peak_mib "$WORK/reimport.times")
F=$(median "$WORK/floor.times")
O=$(median "$WORK/ofx.times");      O_MIB=$(peak_mib "$WORK/ofx.times")
OF=$(median "$WORK/ofx-floor.times")
calc() { awk "BEGIN {printf \"%.2f\", $1}"; }
I_RATIO=$(calc "$I / $S")
R_RATIO=$(calc "$R / $S")
F_RATIO=$(calc "$F / $S")
verdict() { awk "BEGIN {print ($1) ? \"PASS\" : \"MISS\"}"; }
I_GOAL=$(verdict "$I_RATIO <= 2.0")
R_GOAL=$(verdict "$R_RATIO <= 1.0")
I_MEM=$(verdict "$I_MIB <= 64")
R_MEM=$(verdict "$R_MIB <= 64")
O_GOAL=$(verdict "$O < 1.0")

echo
echo "=== import benchmark: $ROWS rows, median of $RUNS runs, load average $LOAD_BEFORE -> $LOAD_AFTER"
printf '%-22s %9s %10s %8s  %s\n' "" "median s" "peak MiB" "ratio" "goal"
printf '%-22s %9s %10s %8s  %s\n' "sqlite3 .import" "$S" "$S_MIB" "1.00" "(baseline)"
printf '%-22s %9s %10s %8s  %s\n' "aispend import" "$I" "$I_MIB" "$I_RATIO" \
  "time <= 2.0x: $I_GOAL; memory <= 64 MiB: $I_MEM"
printf '%-22s %9s %10s %8s  %s\n' "  SQLite alone, rows" "$F" "" "$F_RATIO" \
  "(reference: the sqlite3 shell's INSERT ... SELECT of the same rows)"
printf '%-22s %9s %10s %8s  %s\n' "aispend re-import" "$R" "$R_MIB" "$R_RATIO" \
  "time <= 1.0x: $R_GOAL; memory <= 64 MiB: $R_MEM"

printf '%-22s %9s %10s %8s  %s\n' "OFX, $OFX_ROWS lines" "$O" "$O_MIB" "" "time < 1.0 s: $O_GOAL"
printf '%-22s %9s %10s %8s  %s\n' "  SQLite alone, rows" "$OF" "" "" "(the same rows written by INSERT ... SELECT)"

cat >"$OUT_JSON" <<JSON
{
  "rows": $ROWS,
  "file_bytes": $CSV_BYTES,
  "runs": $RUNS,
  "commit": "$(git rev-parse HEAD)",
  "measured_at": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "load_average_before": "$LOAD_BEFORE",
  "load_average_after": "$LOAD_AFTER",
  "sqlite3_import": {"median_s": $S, "peak_mib": $S_MIB, "runs_s": [$(times_list "$WORK/sqlite.times")]},
  "import": {"median_s": $I, "peak_mib": $I_MIB, "runs_s": [$(times_list "$WORK/import.times")],
             "ratio": $I_RATIO, "goal_ratio": 2.0, "time_goal": "$I_GOAL", "memory_goal": "$I_MEM"},
  "sqlite_writing_the_rows": {"median_s": $F, "runs_s": [$(times_list "$WORK/floor.times")], "ratio": $F_RATIO,
             "what": "INSERT ... SELECT of the imported rows into a fresh ledger: the schema's own cost"},
  "reimport": {"median_s": $R, "peak_mib": $R_MIB, "runs_s": [$(times_list "$WORK/reimport.times")],
               "ratio": $R_RATIO, "goal_ratio": 1.0, "time_goal": "$R_GOAL", "memory_goal": "$R_MEM"},
  "ofx": {"rows": $OFX_ROWS, "median_s": $O, "peak_mib": $O_MIB, "runs_s": [$(times_list "$WORK/ofx.times")],
          "goal_s": 1.0, "time_goal": "$O_GOAL",
          "sqlite_writing_the_rows_s": $OF, "sqlite_writing_the_rows_runs_s": [$(times_list "$WORK/ofx-floor.times")]},
  "memory_goal_mib": 64
}
JSON
python3 -m json.tool "$OUT_JSON" >/dev/null || die "wrote invalid JSON to $OUT_JSON"
echo "results: $OUT_JSON"

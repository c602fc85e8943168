#!/usr/bin/env bash
# Runs the import fuzz targets (fuzz/, one per format id plus mapped-csv),
# one at a time, each for SECONDS (default 600, the issue's >= 10 minutes).
#
#   scripts/fuzz.sh                    # every target, 600 s each (~4.5 hours)
#   scripts/fuzz.sh 30                 # a smoke pass, 30 s each
#   scripts/fuzz.sh 600 ofx camt qif   # some targets
#   scripts/fuzz.sh --list             # the targets
#
# On the stable toolchain (rust-toolchain.toml) with RUSTC_BOOTSTRAP=1, which
# lets cargo-fuzz pass its -Z flags (AddressSanitizer + sancov) to stable
# rustc; stable ships the sanitizer runtimes. Installs cargo-fuzz into
# ~/.cargo/bin when it is missing.
#
# Each target's corpus lives in target/fuzz-corpus/<id>/ (not committed); it is
# seeded from tests/fixtures/<its folder>/ plus tests/fixtures/{hostile,bad}/
# and grows across runs. Logs go to target/fuzz-logs/<id>.log, crashing inputs
# to fuzz/artifacts/<id>/. Prints one summary line per target; exits non-zero
# if any target crashed, timed out or ran out of memory.
#
# One fuzzer at a time, on purpose (the machine has 2 cores and is shared).
# FUZZ_ARGS adds libFuzzer flags, e.g. FUZZ_ARGS=-max_len=65536.
# FUZZ_TIMEOUT (default 120) is libFuzzer's -timeout: the wall-clock seconds
# one input may take before it counts as a hang. Every input of the corpus
# runs in well under a second; on a machine busy with a build at a higher
# priority, a 30 s limit was hit by a starved fuzzer on inputs that replay in
# 0.3 s, so the default leaves room. Replay a timeout-* artifact with
# fuzz/target/x86_64-unknown-linux-gnu/release/<target> <file> before
# treating it as a hang.
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$ROOT"
export RUSTC_BOOTSTRAP=1
# The fuzz package pins nothing itself: rustup takes the repo's
# rust-toolchain.toml (stable) from the parent folder.

# One target per format id plus mapped-csv (fuzz/src/lib.rs has a test that
# the list matches aispend_core::import::format_ids()).
ALL_TARGETS=()
for f in fuzz/fuzz_targets/*.rs; do
  f="${f##*/}"
  ALL_TARGETS+=("${f%.rs}")
done

if [[ "${1:-}" == "--list" ]]; then
  printf '%s\n' "${ALL_TARGETS[@]}"
  exit 0
fi

SECONDS_PER_TARGET=600
TIMEOUT="${FUZZ_TIMEOUT:-120}"
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  SECONDS_PER_TARGET="$1"
  shift
fi
if (($# > 0)); then
  TARGETS=("$@")
else
  TARGETS=("${ALL_TARGETS[@]}")
fi
for t in "${TARGETS[@]}"; do
  if [[ ! -f "fuzz/fuzz_targets/$t.rs" ]]; then
    echo "fuzz.sh: no target $t (scripts/fuzz.sh --list)" >&2
    exit 2
  fi
done

# --- cargo-fuzz -------------------------------------------------------------
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: cargo-fuzz is missing; running: cargo install cargo-fuzz --locked (into ~/.cargo/bin)"
  cargo install cargo-fuzz --locked
fi

# --- seeds ------------------------------------------------------------------
# The fixture files (relative to tests/fixtures) each target starts from.
seeds_for() {
  case "$1" in
    alipay-csv) echo alipay/* ;;
    amex-csv) echo amex/* ;;
    anthropic-admin-json) echo anthropic/*.json ;;
    anthropic-cost-csv | anthropic-usage-csv) echo anthropic/*.csv ;;
    barclays-csv) echo barclays/* ;;
    bmo-card-csv) echo bmo/* ;;
    camt) echo camt/* ;;
    capital-one-csv) echo capital_one/* ;;
    chase-card-csv) echo chase/* ;;
    chase-checking-csv) echo chase/*checking* realworld/chase-checking-csv/*.CSV ;;
    citi-csv) echo citi/* reconcile/* ;;
    claude-code-jsonl) echo claude_code/* ;;
    cmb-card-csv) echo cmb/* ;;
    discover-csv) echo discover/* ;;
    hsbc-hk-card-csv) echo hsbc_hk/* ;;
    mapped-csv) echo mapped/* ;;
    monzo-csv) echo monzo/* ;;
    n26-csv) echo n26/* ;;
    ofx) echo ofx/* ;;
    openai-admin-json) echo openai/*.json ;;
    openai-cost-csv | openai-usage-csv) echo openai/*.csv ;;
    qif) echo qif/* ;;
    revolut-csv) echo revolut/* ;;
    wechat-pay-csv) echo wechat/*.csv ;;
    wechat-pay-xlsx) echo wechat/*.xlsx ;;
    wise-csv) echo wise/* ;;
    wise-statement-csv) echo realworld/wise-statement-csv/*.csv ;;
    mail) echo mail/*.eml mail/*.mbox mail/hostile/* ;;
    pdf) echo mail/pdf/*.pdf ;;
    *) echo "fuzz.sh: no seeds for $1" >&2; return 1 ;;
  esac
}

seed() {
  local target="$1" dir="$ROOT/target/fuzz-corpus/$1" f
  local -a files
  mkdir -p "$dir"
  # The globs expand inside tests/fixtures; fixture names have no spaces.
  # shellcheck disable=SC2207
  files=($(cd tests/fixtures && seeds_for "$target" && echo hostile/* bad/*))
  for f in "${files[@]}"; do
    case "$f" in *.md | *.py) continue ;; esac
    [[ -f "tests/fixtures/$f" ]] || continue
    # Flat names; files already there (the fuzzer's own finds too) are kept.
    [[ -e "$dir/seed-${f//\//-}" ]] || cp "tests/fixtures/$f" "$dir/seed-${f//\//-}"
  done
}

# --- build once -------------------------------------------------------------
# cargo-fuzz builds release with debug assertions and overflow checks (what
# --debug-assertions says; a bare -O would drop the checks);
# the default sanitizer (address) works on stable with RUSTC_BOOTSTRAP=1.
BUILD_FLAGS=(--debug-assertions)
echo "fuzz.sh: RUSTC_BOOTSTRAP=1 cargo fuzz build ${BUILD_FLAGS[*]} (in $ROOT, toolchain $(rustc --version))"
if ((${#TARGETS[@]} == ${#ALL_TARGETS[@]})); then
  cargo fuzz build "${BUILD_FLAGS[@]}"
else
  for t in "${TARGETS[@]}"; do cargo fuzz build "${BUILD_FLAGS[@]}" "$t"; done
fi

# --- run, one at a time -----------------------------------------------------
mkdir -p target/fuzz-logs
failed=0
summary=()
for t in "${TARGETS[@]}"; do
  seed "$t"
  log="target/fuzz-logs/$t.log"
  mkdir -p "fuzz/artifacts/$t"
  before=$(find "fuzz/artifacts/$t" -type f ! -name 'slow-unit-*' | wc -l)
  slow_before=$(find "fuzz/artifacts/$t" -type f -name 'slow-unit-*' | wc -l)
  echo "fuzz.sh: $t for ${SECONDS_PER_TARGET}s (log: $log)"
  set +e
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
  cargo fuzz run "${BUILD_FLAGS[@]}" "$t" "target/fuzz-corpus/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout="$TIMEOUT" \
    -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1
  status=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  corpus=$(find "target/fuzz-corpus/$t" -type f | wc -l)
  # crash-*, leak-*, oom-* and timeout-* files are failures; slow-unit-*
  # files (an input over 10 s, usually a starved CPU) are only counted.
  after=$(find "fuzz/artifacts/$t" -type f ! -name 'slow-unit-*' | wc -l)
  slow=$(($(find "fuzz/artifacts/$t" -type f -name 'slow-unit-*' | wc -l) - slow_before))
  crashes=$((after - before))
  if ((status != 0)) && ((crashes == 0)); then crashes=1; fi
  line=$(printf '%-22s runs %9s  exec/s %6s  peak RSS %5s MB  corpus %5s  crashes %s  slow units %s' \
    "$t" "${runs:-?}" "${eps:-?}" "${rss:-?}" "$corpus" "$crashes" "$slow")
  if ((crashes > 0)); then
    failed=1
    line+="  (exit $status; see $log and fuzz/artifacts/$t/)"
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "fuzz.sh: ${SECONDS_PER_TARGET}s per target, $(rustc --version), RUSTC_BOOTSTRAP=1"
printf '%s\n' "${summary[@]}"
exit "$failed"

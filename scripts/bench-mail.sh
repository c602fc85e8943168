#!/usr/bin/env bash
# Mail import benchmark (issue #19; a benchmark, not a timed test: it exits 0
# whether or not the goals are met, and non-zero only when something fails
# to run).
#
# Generates a deterministic mbox of MESSAGES messages (default 20,000) of
# about MB megabytes (default 100) in target/bench/ (one message in ten a
# receipt in the Stripe, GitHub or Apple layout, the rest ordinary mail,
# some with base64 attachments), imports it into a fresh ledger with the
# release build, and prints the seconds, the peak resident memory and the
# load average (crates/core/examples/bench_mail.rs), and /usr/bin/time -v's
# wall time and maximum RSS of the whole process when it is installed.
# Goal: under 10 s and under 100 MB. Writes target/bench/mail.json.
#
#   scripts/bench-mail.sh
#   MESSAGES=2000 MB=10 scripts/bench-mail.sh
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$ROOT"
MESSAGES="${MESSAGES:-20000}"
MB="${MB:-100}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BENCH="$TARGET/bench"
mkdir -p "$BENCH"
cargo build --release -p aispend-core --example bench_mail
BIN="$TARGET/release/examples/bench_mail"
# Generate the mbox first (untimed), so /usr/bin/time measures the import.
"$BIN" "$BENCH" "$MESSAGES" "$MB" >/dev/null
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v -o "$BENCH/time.txt" "$BIN" "$BENCH" "$MESSAGES" "$MB" | tee "$BENCH/mail.json"
  grep -E "Elapsed \(wall|Maximum resident" "$BENCH/time.txt"
else
  "$BIN" "$BENCH" "$MESSAGES" "$MB" | tee "$BENCH/mail.json"
fi
uptime

#!/usr/bin/env bash
# The whole test suite: what CI runs (.ci/run) and what a developer runs.
# On a fresh Debian/Ubuntu machine it installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "system packages"
bash scripts/install-system-deps.sh

step "format"
cargo fmt --all -- --check

step "lint (core and CLI)"
cargo clippy -p aispend-core -p aispend --all-targets --locked -- -D warnings

step "core and CLI tests (incl. the crash harness)"
cargo test -p aispend-core -p aispend --locked

step "desktop: UI, shell, real window"
bash scripts/desktop-test.sh

step "all suites passed"

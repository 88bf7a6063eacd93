#!/usr/bin/env bash
# Runs every test of the project: installs what is missing, then the whole
# Cargo workspace's tests (RTL lint, synthesis, formal proofs, lockstep
# random runs, generated-file checks, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --workspace --locked "$@"

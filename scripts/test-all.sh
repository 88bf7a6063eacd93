#!/usr/bin/env bash
# Runs every test of the project: installs what is missing, builds (or
# finds in ~/.cache) the QEMU with the router on its bus, then the whole
# Cargo workspace's tests (RTL lint, synthesis, formal proofs, lockstep
# random runs, generated-file checks, QEMU system tests, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-qemu.sh
cargo test --workspace --locked "$@"

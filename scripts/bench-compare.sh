#!/usr/bin/env bash
# Simulation speed before and after in one run: exports the router RTL of an
# earlier commit (default: the last 1.0 router, the parent of the commit that
# brought interface 1.1) into target/bench-ref-rtl, builds it into router-sim
# as the reference configuration (ROUTER_SIM_REF_RTL) and runs
# `cargo bench -p router-sim`, whose speed table then has a "before" row.
#
#   bash scripts/bench-compare.sh            # 1.0 vs the working tree
#   bash scripts/bench-compare.sh <commit>   # another "before"
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-5f126be^}
out=target/bench-ref-rtl
rm -rf "$out"
mkdir -p "$out"
git rev-parse --verify --quiet "$ref^{commit}" >/dev/null || {
    echo "bench-compare: $ref is not a commit of this repository" >&2
    exit 2
}
git archive "$ref" hdl/rtl | tar -x -C "$out" --strip-components=2
echo "reference RTL: $(git rev-parse --short "$ref^{commit}") -> $out"
ROUTER_SIM_REF_RTL="$PWD/$out" cargo bench --locked -p router-sim
